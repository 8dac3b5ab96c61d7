package io.kgsim.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.coordinator.group.GroupCoordinatorConfig;

/**
 * The Kafka configs a scenario takes ({@code cluster.config}, {@code groups[].config}): Kafka's
 * own {@link ConfigDef}s parse them, so types, allowed ranges and defaults are exactly the
 * client's or the broker's, never retyped by hand. Beside the key table ({@link ScenarioKeys}),
 * this is the one place that says which of them kgsim models: every other key is accepted (a
 * real scenario copied from production should load) and reported as "accepted, not modelled".
 */
public final class KafkaConfigs {
    /** The consumer's own definition: every key a real KafkaConsumer accepts. */
    public static final ConfigDef CONSUMER_DEF = ConsumerConfig.configDef();
    /** The group coordinator's broker configs, plus the two other broker-side settings kgsim models. */
    public static final ConfigDef BROKER_DEF = new ConfigDef(GroupCoordinatorConfig.CONFIG_DEF)
            .define("replica.selector.class", ConfigDef.Type.STRING, null, ConfigDef.Importance.MEDIUM,
                    "KIP-392: org.apache.kafka.common.replica.RackAwareReplicaSelector lets consumers fetch from a replica in their rack")
            .define("broker.session.timeout.ms", ConfigDef.Type.INT, 9000, ConfigDef.Range.atLeast(1), ConfigDef.Importance.MEDIUM,
                    "KRaft: how long the controller waits for a broker's heartbeat before fencing it and moving its leaderships");

    /** Consumer configs the simulation reads, with what each one models. */
    public static final Map<String, String> CONSUMER_MODELLED = ordered(
            "group.protocol", "`classic` (JoinGroup/SyncGroup, the default) or `consumer` (KIP-848: the broker assigns, members "
                    + "reconcile through heartbeats). With `consumer`, setting `partition.assignment.strategy`, `session.timeout.ms` "
                    + "or `heartbeat.interval.ms` is an error, as in the Kafka client.",
            "group.remote.assignor", "Consumer protocol: the server-side assignor the member asks for (`uniform`, `range`, or the "
                    + "name of another assignor in the broker's `group.consumer.assignors`); unset, the broker's first. An error "
                    + "with `group.protocol: classic`.",
            "partition.assignment.strategy", "The assignors each member offers, in order: `range`, `roundrobin`, `sticky`, "
                    + "`cooperative-sticky` or a class name (a list or a comma-separated string). The protocol (eager or cooperative) "
                    + "is the highest one every listed assignor supports, as the client decides it; the leader runs the real assignor.",
            "session.timeout.ms", "Sent in JoinGroup: the coordinator removes a member whose last heartbeat is older than this. "
                    + "It must lie within the broker's `group.min.session.timeout.ms` and `group.max.session.timeout.ms`.",
            "heartbeat.interval.ms", "Time between two heartbeats, counted from the previous send; must be below `session.timeout.ms`.",
            "max.poll.interval.ms", "The rebalance timeout sent in JoinGroup, and the longest a member may spend between two polls "
                    + "before its heartbeat thread gives up its partitions (`poll-timeout`; a dynamic member also leaves the group).",
            "max.poll.records", "The most records one poll returns: the size of a batch.",
            "enable.auto.commit", "`true`: commit the consumed positions on poll every `auto.commit.interval.ms`, before an eager "
                    + "revocation and on close. `false` requires the group's `commit` key.",
            "auto.commit.interval.ms", "Time between two auto-commits.",
            "auto.offset.reset", "Where a newly assigned partition without a committed offset starts: `earliest` at offset 0, "
                    + "anything else at its log-end offset.",
            "retry.backoff.ms", "Wait before looking up an unreachable coordinator again, and before the next heartbeat after a failed one.",
            "request.timeout.ms", "How long a request waits for its answer before failing (network cuts, dead brokers); a JoinGroup "
                    + "waits at least `max.poll.interval.ms` + 5 s, as the client does.",
            "metadata.max.age.ms", "How often a member refreshes its metadata; the leader sees added partitions at its next refresh.");

    /** Consumer configs a scenario sets through its own keys, with which. */
    public static final Map<String, String> CONSUMER_SET_ELSEWHERE = ordered(
            "group.id", "the group's 'group.id'",
            "group.instance.id", "'static.membership: true' (the instance id is the member name)",
            "client.rack", "the group's 'racks' list",
            "client.id", "the member name");

    /** Broker configs the simulation reads, with what each one models. */
    public static final Map<String, String> BROKER_MODELLED = ordered(
            "group.initial.rebalance.delay.ms", "A rebalance from an empty group waits this long, and again while new members keep "
                    + "arriving, never past the rebalance timeout.",
            "offsets.topic.num.partitions", "Partitions of `__consumer_offsets`: a group's coordinator is the leader of partition "
                    + "abs(hash(group.id)) % this.",
            "group.min.session.timeout.ms", "The smallest `session.timeout.ms` the coordinator accepts (else INVALID_SESSION_TIMEOUT).",
            "group.max.session.timeout.ms", "The largest `session.timeout.ms` the coordinator accepts (else INVALID_SESSION_TIMEOUT).",
            "group.max.size", "New members beyond this many are turned away with GROUP_MAX_SIZE_REACHED, fatal for the client.",
            "group.consumer.session.timeout.ms", "Consumer protocol (KIP-848): the coordinator fences a member whose last heartbeat is "
                    + "older than this. Must lie within `group.consumer.min.session.timeout.ms` and `group.consumer.max.session.timeout.ms`.",
            "group.consumer.min.session.timeout.ms", "Consumer protocol: the smallest allowed `group.consumer.session.timeout.ms`.",
            "group.consumer.max.session.timeout.ms", "Consumer protocol: the largest allowed `group.consumer.session.timeout.ms`.",
            "group.consumer.heartbeat.interval.ms", "Consumer protocol: the heartbeat interval the coordinator gives members in every "
                    + "heartbeat response; must be below `group.consumer.session.timeout.ms`.",
            "group.consumer.min.heartbeat.interval.ms", "Consumer protocol: the smallest allowed `group.consumer.heartbeat.interval.ms`.",
            "group.consumer.max.heartbeat.interval.ms", "Consumer protocol: the largest allowed `group.consumer.heartbeat.interval.ms`.",
            "group.consumer.assignment.interval.ms", "Consumer protocol (KIP-1263): the least time between two target-assignment "
                    + "computations of a group; changes within it are folded into one computation, made by the first member heartbeat "
                    + "after it (0: every change computes at once).",
            "group.consumer.min.assignment.interval.ms", "Consumer protocol: the smallest allowed `group.consumer.assignment.interval.ms`.",
            "group.consumer.max.assignment.interval.ms", "Consumer protocol: the largest allowed `group.consumer.assignment.interval.ms`.",
            "group.consumer.assignors", "Consumer protocol: the server-side assignors (`uniform`, `range` or a `ConsumerGroupPartitionAssignor` "
                    + "class name); a member's `group.remote.assignor` must be one of them, and the first is the default.",
            "group.consumer.max.size", "Consumer protocol: new members beyond this many are refused with GROUP_MAX_SIZE_REACHED, fatal for the client.",
            "group.coordinator.append.linger.ms", "How long the coordinator lets writes gather in a batch, from the batch's first "
                    + "write, before appending it to `__consumer_offsets`; the requests that wrote are answered after the append "
                    + "commits (`cluster.coordinator.write.latency`). -1 (the default) is adaptive: the batch goes as soon as the "
                    + "coordinator has nothing else queued, at once in the simulation.",
            "replica.selector.class", "`org.apache.kafka.common.replica.RackAwareReplicaSelector`: a member with `client.rack` fetches "
                    + "from a replica in its rack when there is one (KIP-392).",
            "broker.session.timeout.ms", "How long a dead broker keeps its partition leaderships (and the coordinators it hosts) "
                    + "before the controller fences it and moves them.");

    private KafkaConfigs() {
    }

    private static Map<String, String> ordered(String... keysAndTexts) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndTexts.length; i += 2) {
            m.put(keysAndTexts[i], keysAndTexts[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Parses one entry. {@code what} names the mapping in errors ("consumer config").
     */
    static Object parse(ConfigDef def, String what, String key, YamlNode value, Location keyAt) throws ScenarioException {
        ConfigDef.ConfigKey k = def.configKeys().get(key);
        if (k == null) {
            throw new ScenarioException(keyAt, "unknown " + what + " '" + key + "'" + Suggestions.didYouMean(key, def.names())
                    + " (keys are Kafka's own configuration names)");
        }
        Object raw = raw(value, key);
        try {
            Object parsed = ConfigDef.parseType(key, raw, k.type);
            if (k.validator != null) {
                k.validator.ensureValid(key, parsed);
            }
            return parsed;
        } catch (ConfigException e) {
            throw new ScenarioException(value.location(), "invalid value for " + what + " '" + key + "': " + e.getMessage()
                    + " (Kafka type " + k.type.toString().toLowerCase(java.util.Locale.ROOT)
                    + (k.validator != null ? ", allowed " + k.validator : "") + ")");
        }
    }

    /** Kafka's defaults for every key that has one, sorted by name. */
    static Map<String, Object> defaults(ConfigDef def) {
        Map<String, Object> out = new TreeMap<>();
        for (ConfigDef.ConfigKey k : def.configKeys().values()) {
            if (k.hasDefault()) {
                out.put(k.name, k.defaultValue);
            }
        }
        return out;
    }

    private static Object raw(YamlNode value, String key) throws ScenarioException {
        if (value instanceof YamlNode.Sequence seq) {
            StringBuilder b = new StringBuilder();
            for (YamlNode item : seq.items()) {
                if (b.length() > 0) {
                    b.append(',');
                }
                b.append(MappingReader.scalar(item, key));
            }
            return b.toString();
        }
        return MappingReader.scalar(value, key).trim();
    }

    /** A Kafka config kgsim accepts (so a production config loads) but does not simulate: say so rather than pretend. */
    static void warnIfNotModelled(List<String> warnings, Map<String, String> modelled, String key, Location keyAt, String kind) {
        if (!modelled.containsKey(key)) {
            warnings.add(keyAt + ": " + kind + " config '" + key + "' is accepted, not modelled: kgsim does not simulate what it "
                    + "changes, so this run ignores it");
        }
    }
}
