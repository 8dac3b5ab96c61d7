package io.kgsim.replay.play;

import io.kgsim.protocol.consumer.ServerAssignors;
import io.kgsim.scenario.BrokerConfig;
import io.kgsim.scenario.CommitMode;
import io.kgsim.scenario.ConsumerGroupBrokerConfig;
import io.kgsim.scenario.ConsumerSettings;
import io.kgsim.scenario.GroupProtocol;
import io.kgsim.scenario.GroupSpec;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.Strategy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.coordinator.group.GroupCoordinatorConfig;
import org.apache.kafka.coordinator.group.api.assignor.ConsumerGroupPartitionAssignor;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scenario's settings as a real broker and real consumers take them: Kafka's own config
 * names and string values, so the real run is configured as the simulation is.
 */
public final class KafkaSettings {
    /** What the replay sets itself ({@code ConsumerSpec}): the server, the group, the member's name, byte-array records. */
    private static final Set<String> FIXED_BY_REPLAY = Set.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConsumerConfig.GROUP_ID_CONFIG,
        ConsumerConfig.CLIENT_ID_CONFIG, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);

    private KafkaSettings() {
    }

    /**
     * The broker configs the simulation reads ({@code cluster.config} over Kafka's defaults), for
     * the broker a replay starts; sorted by name. A scenario's other broker keys are accepted but
     * not modelled, so the real broker keeps its defaults for them too.
     */
    public static Map<String, String> brokerConfigs(Scenario scenario) {
        BrokerConfig b = scenario.cluster().config();
        ConsumerGroupBrokerConfig c = b.consumerGroup();
        Map<String, String> out = new TreeMap<>();
        out.put(GroupCoordinatorConfig.GROUP_INITIAL_REBALANCE_DELAY_MS_CONFIG, String.valueOf(b.groupInitialRebalanceDelayMs()));
        out.put(GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS_CONFIG, String.valueOf(b.offsetsTopicNumPartitions()));
        out.put(GroupCoordinatorConfig.GROUP_MIN_SESSION_TIMEOUT_MS_CONFIG, String.valueOf(b.groupMinSessionTimeoutMs()));
        out.put(GroupCoordinatorConfig.GROUP_MAX_SESSION_TIMEOUT_MS_CONFIG, String.valueOf(b.groupMaxSessionTimeoutMs()));
        out.put(GroupCoordinatorConfig.GROUP_MAX_SIZE_CONFIG, String.valueOf(b.groupMaxSize()));
        out.put(GroupCoordinatorConfig.CONSUMER_GROUP_SESSION_TIMEOUT_MS_CONFIG, String.valueOf(c.sessionTimeoutMs()));
        out.put(GroupCoordinatorConfig.CONSUMER_GROUP_MIN_SESSION_TIMEOUT_MS_CONFIG, String.valueOf(c.minSessionTimeoutMs()));
        out.put(GroupCoordinatorConfig.CONSUMER_GROUP_MAX_SESSION_TIMEOUT_MS_CONFIG, String.valueOf(c.maxSessionTimeoutMs()));
        out.put(GroupCoordinatorConfig.CONSUMER_GROUP_HEARTBEAT_INTERVAL_MS_CONFIG, String.valueOf(c.heartbeatIntervalMs()));
        out.put(GroupCoordinatorConfig.CONSUMER_GROUP_MIN_HEARTBEAT_INTERVAL_MS_CONFIG, String.valueOf(c.minHeartbeatIntervalMs()));
        out.put(GroupCoordinatorConfig.CONSUMER_GROUP_MAX_HEARTBEAT_INTERVAL_MS_CONFIG, String.valueOf(c.maxHeartbeatIntervalMs()));
        out.put(GroupCoordinatorConfig.CONSUMER_GROUP_ASSIGNMENT_INTERVAL_MS_CONFIG, String.valueOf(c.assignmentIntervalMs()));
        out.put(GroupCoordinatorConfig.CONSUMER_GROUP_MIN_ASSIGNMENT_INTERVAL_MS_CONFIG, String.valueOf(c.minAssignmentIntervalMs()));
        out.put(GroupCoordinatorConfig.CONSUMER_GROUP_MAX_ASSIGNMENT_INTERVAL_MS_CONFIG, String.valueOf(c.maxAssignmentIntervalMs()));
        out.put(GroupCoordinatorConfig.CONSUMER_GROUP_ASSIGNORS_CONFIG, String.join(",", serverAssignors(scenario, c)));
        out.put(GroupCoordinatorConfig.CONSUMER_GROUP_MAX_SIZE_CONFIG, String.valueOf(c.maxSize()));
        out.put("broker.session.timeout.ms", String.valueOf(b.brokerSessionTimeoutMs()));
        if (b.rackAwareFetch()) {
            out.put("replica.selector.class", BrokerConfig.RACK_AWARE_SELECTOR);
        }
        return out;
    }

    /**
     * The consumer configs of member number {@code n} (named {@code c<n>}) of {@code group}:
     * every config the scenario sets explicitly, then what the scenario says through its own keys
     * and the resolved strategy (which {@code --strategy} may have replaced): the protocol and
     * assignor, timeouts, poll limits, static membership, rack and commit mode. Sorted by name;
     * the server, group id and client id are the caller's.
     */
    public static Map<String, String> consumerConfigs(GroupSpec group, int n) {
        ConsumerSettings s = group.config();
        Map<String, String> out = new TreeMap<>();
        for (String key : s.explicit()) {
            Object value = s.values().get(key);
            if (value != null && !FIXED_BY_REPLAY.contains(key)) {
                out.put(key, text(value));
            }
        }
        out.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        out.remove(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG);
        out.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, s.protocol().configValue());
        if (s.protocol() == GroupProtocol.CLASSIC) {
            out.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                String.join(",", s.strategies().stream().map(Strategy::className).toList()));
            // the consumer protocol refuses these two: the broker sets them for every member
            out.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(s.sessionTimeoutMs()));
            out.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, String.valueOf(s.heartbeatIntervalMs()));
        } else {
            // set in a classic scenario that --strategy turned into a consumer-protocol one: the
            // consumer protocol's client refuses them (the broker decides), and the simulation ignores them
            out.remove(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
            out.remove(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);
            out.put(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, serverAssignorName(s.strategies().get(0)));
        }
        out.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, String.valueOf(s.maxPollIntervalMs()));
        out.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(s.maxPollRecords()));
        out.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, String.valueOf(group.commitMode() == CommitMode.AUTO));
        out.put(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, String.valueOf(s.autoCommitIntervalMs()));
        if (group.staticMembership()) {
            out.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "c" + n);
        }
        String rack = group.rackOf(n);
        if (rack != null) {
            out.put(ConsumerConfig.CLIENT_RACK_CONFIG, rack);
        }
        return out;
    }

    /**
     * {@code group.consumer.assignors}: the scenario's, then the assignor class of each
     * consumer-protocol group whose strategy the broker does not list yet (a user's assignor, by
     * {@code --strategy} or the group's config), as the simulated broker adds it
     * ({@link ServerAssignors#forGroup}) and as an operator would configure it. The broker loads
     * those classes through the thread's context class loader, where {@code --classpath} is.
     */
    static List<String> serverAssignors(Scenario scenario, ConsumerGroupBrokerConfig broker) {
        ConsumerGroupBrokerConfig all = broker;
        for (GroupSpec g : scenario.groups()) {
            all = ServerAssignors.forGroup(all, g.config());
        }
        return all.assignors();
    }

    /** {@code group.remote.assignor} names a server-side assignor by its {@code name()}, the strategy keeps its class. */
    static String serverAssignorName(Strategy strategy) {
        try {
            Class<?> c = Class.forName(strategy.className(), true, Thread.currentThread().getContextClassLoader());
            return ((ConsumerGroupPartitionAssignor) c.getDeclaredConstructor().newInstance()).name();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new IllegalArgumentException("cannot create the server-side assignor " + strategy.className() + ": " + e, e);
        }
    }

    /** A parsed config value as the consumer reads it back: lists comma-separated, classes by name. */
    private static String text(Object value) {
        if (value instanceof Collection<?> list) {
            return String.join(",", list.stream().map(KafkaSettings::text).toList());
        }
        if (value instanceof Class<?> c) {
            return c.getName();
        }
        if (value instanceof Password p) {
            return p.value();
        }
        return value.toString();
    }
}
