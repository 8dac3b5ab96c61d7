package io.kgsim.scenario;

import io.kgsim.engine.DurationDistribution;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.coordinator.group.GroupCoordinatorConfig;

/**
 * Loads and validates a scenario file (the format docs/scenario-format.md describes, generated from {@link ScenarioKeys}). Everything that can be wrong
 * with the input is found here, before a run starts or a file is written: YAML syntax, unknown
 * keys (with the nearest known one), values outside Kafka's allowed ranges, strategies that do
 * not resolve to an assignor, and timeline actions that name members that never exist.
 */
public final class ScenarioLoader {
    private static final ConfigDef CONSUMER_DEF = KafkaConfigs.CONSUMER_DEF;
    private static final ConfigDef BROKER_DEF = KafkaConfigs.BROKER_DEF;
    /** Consumer keys the scenario sets elsewhere, with where. */
    private static final Map<String, String> SET_ELSEWHERE = KafkaConfigs.CONSUMER_SET_ELSEWHERE;

    private ScenarioLoader() {
    }

    public static Scenario load(Path path) throws ScenarioException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(null, "cannot read scenario '" + path + "': no such file");
        } catch (IOException e) {
            throw new ScenarioException(null, "cannot read scenario '" + path + "': " + e.getMessage());
        }
        return parse(path.toString(), new StringReader(text));
    }

    public static Scenario parse(String fileName, Reader reader) throws ScenarioException {
        YamlNode root = YamlReader.read(fileName, reader);
        return new ScenarioLoader.Builder(fileName).scenario(root);
    }

    /** The paths of the key table the loader asked for while loading: a test checks the table against the loader. */
    static Set<String> keysAsked(String fileName, Reader reader) throws ScenarioException {
        Builder b = new Builder(fileName);
        b.scenario(YamlReader.read(fileName, reader));
        return b.asked;
    }

    private static final class Builder {
        private final String file;
        private BrokerConfig broker;
        private int brokers;
        private final Map<String, TopicSpec> topics = new LinkedHashMap<>();
        /** Every key path asked for, to check the key table against what this loader reads. */
        private final Set<String> asked = new TreeSet<>();
        /** "accepted, not modelled" settings, in file order. */
        private final List<String> warnings = new ArrayList<>();

        Builder(String file) {
            this.file = file;
        }

        Scenario scenario(YamlNode root) throws ScenarioException {
            MappingReader m = new MappingReader(root, "the scenario", "", asked);
            String name = m.requiredString("name", "a short name for the scenario, used for the output directory");
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw new ScenarioException(m.get("name").location(), "'name' may hold only letters, digits, '.', '_' and '-' (it names the output directory), found '" + name + "'");
            }
            String description = m.string("description", "");
            long seed = m.longValue("seed");
            long duration = m.requiredDuration("duration", "how much virtual time to simulate, e.g. 10m");
            ClusterSpec cluster = cluster(m.has("cluster") ? m.section("cluster", "'cluster'") : null, m.location());
            NetworkSpec network = network(m.has("network") ? m.section("network", "'network'") : null);
            List<YamlNode> topicNodes = m.list("topics");
            if (topicNodes.isEmpty()) {
                throw new ScenarioException(m.keyLocation("topics"), "the scenario needs 'topics': a list of at least one topic");
            }
            for (YamlNode t : topicNodes) {
                TopicSpec spec = topic(new MappingReader(t, "a topic", "topics[]", asked));
                if (topics.containsKey(spec.name())) {
                    throw new ScenarioException(t.location(), "the topic '" + spec.name() + "' is defined twice");
                }
                topics.put(spec.name(), spec);
            }
            List<YamlNode> groupNodes = m.list("groups");
            if (groupNodes.isEmpty()) {
                throw new ScenarioException(m.keyLocation("groups"), "the scenario needs 'groups': a list of at least one consumer group");
            }
            List<GroupSpec> groups = new ArrayList<>();
            Set<String> groupIds = new HashSet<>();
            for (YamlNode g : groupNodes) {
                GroupSpec spec = group(new MappingReader(g, "a group", "groups[]", asked));
                if (!groupIds.add(spec.groupId())) {
                    throw new ScenarioException(g.location(), "the group '" + spec.groupId() + "' is defined twice");
                }
                groups.add(spec);
            }
            List<TimelineEntry> timeline = new TimelineLoader(topics, brokers, groups, asked).timeline(m.list("timeline"), duration);
            List<String> compare = new ArrayList<>();
            for (YamlNode c : m.list("compare")) {
                String s = MappingReader.scalar(c, "compare");
                try {
                    Strategies.resolve(s);
                } catch (IllegalArgumentException e) {
                    throw new ScenarioException(c.location(), "'compare': " + e.getMessage());
                }
                compare.add(s);
            }
            SimulationSpec simulation = SimulationSpec.DEFAULTS;
            if (m.has("simulation")) {
                MappingReader sm = m.section("simulation", "'simulation'");
                simulation = new SimulationSpec(sm.duration("batch.interval"));
                sm.rejectUnknown();
            }
            m.rejectUnknown();
            return new Scenario(file, name, description, seed, duration, cluster, network,
                    List.copyOf(topics.values()), List.copyOf(groups), timeline, List.copyOf(compare), simulation, List.copyOf(warnings));
        }

        /** A Kafka config kgsim accepts (so a production config loads) but does not simulate: say so rather than pretend. */
        private void warnIfNotModelled(Map<String, String> modelled, String key, Location keyAt, String kind) {
            if (!modelled.containsKey(key)) {
                warnings.add(keyAt + ": " + kind + " config '" + key + "' is accepted, not modelled: kgsim does not simulate what it "
                        + "changes, so this run ignores it");
            }
        }

        private ClusterSpec cluster(MappingReader m, Location parent) throws ScenarioException {
            Map<String, Object> values = KafkaConfigs.defaults(BROKER_DEF);
            List<String> racks = List.of();
            brokers = m == null ? Integer.parseInt(ScenarioKeys.get("cluster.brokers").defaultText()) : m.integer("brokers");
            if (m != null) {
                racks = m.stringList("racks");
                if (m.has("config")) {
                    MappingReader c = new MappingReader(m.get("config"), "'cluster.config'", "cluster.config", asked);
                    for (Map.Entry<String, YamlNode> e : c.entries().entrySet()) {
                        Location keyAt = c.keyLocation(e.getKey());
                        values.put(e.getKey(), KafkaConfigs.parse(BROKER_DEF, "broker config", e.getKey(), e.getValue(), keyAt));
                        warnIfNotModelled(KafkaConfigs.BROKER_MODELLED, e.getKey(), keyAt, "broker");
                    }
                }
                m.rejectUnknown();
            }
            int min = (Integer) values.get(GroupCoordinatorConfig.GROUP_MIN_SESSION_TIMEOUT_MS_CONFIG);
            int max = (Integer) values.get(GroupCoordinatorConfig.GROUP_MAX_SESSION_TIMEOUT_MS_CONFIG);
            if (min > max) {
                throw new ScenarioException(m == null ? parent : m.location(), "group.min.session.timeout.ms (" + min + ") is above group.max.session.timeout.ms (" + max + ")");
            }
            broker = new BrokerConfig(
                    (Integer) values.get(GroupCoordinatorConfig.GROUP_INITIAL_REBALANCE_DELAY_MS_CONFIG),
                    (Integer) values.get(GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS_CONFIG),
                    min, max,
                    (Integer) values.get(GroupCoordinatorConfig.GROUP_MAX_SIZE_CONFIG),
                    BrokerConfig.RACK_AWARE_SELECTOR.equals(values.get("replica.selector.class")),
                    (Integer) values.get("broker.session.timeout.ms"),
                    consumerGroupConfig(values, m == null ? parent : m.location()));
            return new ClusterSpec(brokers, List.copyOf(racks), broker);
        }

        private static ConsumerGroupBrokerConfig consumerGroupConfig(Map<String, Object> values, Location at) throws ScenarioException {
            try {
                return ConsumerGroupBrokerConfig.from(values);
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(at, e.getMessage());
            }
        }

        private NetworkSpec network(MappingReader m) throws ScenarioException {
            DurationDistribution latency = Values.distribution(ScenarioKeys.get("network.latency").defaultText());
            if (m != null) {
                if (m.has("latency")) {
                    latency = distribution(m.get("latency"), "latency");
                }
                m.rejectUnknown();
            }
            return new NetworkSpec(latency);
        }

        private TopicSpec topic(MappingReader m) throws ScenarioException {
            String name = m.requiredString("name", "the topic name");
            int partitions = m.integer("partitions");
            int rf = m.integer("replication.factor", Math.min(3, brokers));
            if (rf > brokers) {
                throw new ScenarioException(m.get("replication.factor").location(), "'replication.factor' " + rf + " exceeds the " + brokers + " broker(s) of the cluster");
            }
            ProduceSpec produce = ProduceSpec.NONE;
            if (m.has("produce")) {
                produce = produce(m.section("produce", "'produce'"), partitions);
            }
            m.rejectUnknown();
            return new TopicSpec(name, partitions, rf, produce);
        }

        private ProduceSpec produce(MappingReader m, int partitions) throws ScenarioException {
            double rate = 0;
            if (m.has("rate")) {
                YamlNode r = m.get("rate");
                try {
                    rate = Values.ratePerSecond(MappingReader.scalar(r, "rate"));
                } catch (IllegalArgumentException e) {
                    throw new ScenarioException(r.location(), "'rate' " + e.getMessage());
                }
            }
            Skew skew = new Skew.Uniform();
            if (m.has("skew")) {
                YamlNode s = m.get("skew");
                String t = MappingReader.scalar(s, "skew").trim();
                java.util.regex.Matcher z = java.util.regex.Pattern.compile("zipf\\(\\s*([0-9.]+)\\s*\\)").matcher(t);
                if (t.equals("uniform")) {
                    skew = new Skew.Uniform();
                } else if (z.matches()) {
                    skew = new Skew.Zipf(Double.parseDouble(z.group(1)));
                } else {
                    throw new ScenarioException(s.location(), "'skew' expects uniform or zipf(s), e.g. zipf(1.1), found '" + t + "' (explicit weights go under 'weights')");
                }
            }
            if (m.has("weights")) {
                List<Double> w = new ArrayList<>();
                for (YamlNode item : m.list("weights")) {
                    String t = MappingReader.scalar(item, "weights");
                    try {
                        double d = Double.parseDouble(t);
                        if (d < 0) {
                            throw new NumberFormatException();
                        }
                        w.add(d);
                    } catch (NumberFormatException e) {
                        throw new ScenarioException(item.location(), "'weights' expects non-negative numbers, found '" + t + "'");
                    }
                }
                if (w.size() != partitions) {
                    throw new ScenarioException(m.get("weights").location(), "'weights' has " + w.size() + " entries but the topic has " + partitions + " partitions");
                }
                skew = new Skew.Weights(List.copyOf(w));
            }
            int bytes = m.integer("record.bytes");
            m.rejectUnknown();
            return new ProduceSpec(rate, skew, bytes);
        }

        private GroupSpec group(MappingReader m) throws ScenarioException {
            String groupId = m.requiredString("group.id", "the consumer group id");
            if (groupId.isEmpty() || groupId.contains("/")) {
                throw new ScenarioException(m.get("group.id").location(), "'group.id' must be non-empty and must not contain '/', found '" + groupId + "'");
            }
            List<String> subscription = m.stringList("subscription");
            if (subscription.isEmpty()) {
                throw new ScenarioException(m.keyLocation("subscription"), "group '" + groupId + "' needs 'subscription': a list of topic names");
            }
            for (int i = 0; i < subscription.size(); i++) {
                if (!topics.containsKey(subscription.get(i))) {
                    throw new ScenarioException(m.list("subscription").get(i).location(), "group '" + groupId + "' subscribes to the unknown topic '" + subscription.get(i) + "'"
                            + Suggestions.didYouMean(subscription.get(i), topics.keySet()));
                }
            }
            int consumers = m.integer("consumers");
            boolean isStatic = m.bool("static.membership");
            List<String> racks = m.stringList("racks");
            DurationDistribution perRecord = Values.distribution(ScenarioKeys.get("groups[].processing.per.record").defaultText());
            if (m.has("processing")) {
                MappingReader p = m.section("processing", "'processing'");
                if (p.has("per.record")) {
                    perRecord = distribution(p.get("per.record"), "per.record");
                }
                p.rejectUnknown();
            }
            MappingReader config = m.has("config") ? new MappingReader(m.get("config"), "'config' of group '" + groupId + "'",
                    "groups[].config", asked) : null;
            ConsumerSettings settings = consumerConfig(config, groupId, m.location());
            CommitMode commit = commitMode(m, config, settings, groupId);
            m.rejectUnknown();
            return new GroupSpec(groupId, List.copyOf(subscription), consumers, isStatic, List.copyOf(racks), perRecord, commit, settings);
        }

        /** The group's commit pattern: auto-commit, or with it off an explicit {@code commit} choice. */
        private CommitMode commitMode(MappingReader m, MappingReader config, ConsumerSettings settings, String groupId) throws ScenarioException {
            if (!m.has("commit")) {
                if (settings.enableAutoCommit()) {
                    return CommitMode.AUTO;
                }
                // Auto-commit off and no commit pattern used to mean "never commit", silently: every
                // record stayed lag and was processed again after each rebalance. Make it a choice.
                throw new ScenarioException(config.keyLocation(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG), "group '" + groupId
                        + "' sets enable.auto.commit: false but says nothing about how its application commits: add to the group "
                        + "'commit: sync-per-batch | async-per-batch | none' (commitSync after each batch, commitAsync after each batch, "
                        + "or never commit: every record then stays lag and is processed again after a rebalance)");
            }
            YamlNode c = m.get("commit");
            String text = MappingReader.scalar(c, "commit").trim();
            List<String> choices = m.key("commit").choices();
            if (!choices.contains(text)) {
                throw new ScenarioException(c.location(), "'commit' expects " + String.join(", ", choices) + ", found '" + text + "'"
                        + Suggestions.didYouMean(text, choices));
            }
            if (settings.enableAutoCommit()) {
                throw new ScenarioException(c.location(), "'commit: " + text + "' is a manual commit pattern: set enable.auto.commit: false in the group's config");
            }
            return CommitMode.parse(text);
        }

        private ConsumerSettings consumerConfig(MappingReader c, String groupId, Location groupAt) throws ScenarioException {
            Map<String, Object> values = KafkaConfigs.defaults(CONSUMER_DEF);
            List<String> explicit = new ArrayList<>();
            Map<String, Location> at = new LinkedHashMap<>();
            YamlNode strategyNode = null;
            if (c != null) {
                for (Map.Entry<String, YamlNode> e : c.entries().entrySet()) {
                    String key = e.getKey();
                    Location keyAt = c.keyLocation(key);
                    if (SET_ELSEWHERE.containsKey(key)) {
                        throw new ScenarioException(keyAt, "'" + key + "' is not set in 'config': use " + SET_ELSEWHERE.get(key));
                    }
                    explicit.add(key);
                    at.put(key, e.getValue().location());
                    warnIfNotModelled(KafkaConfigs.CONSUMER_MODELLED, key, keyAt, "consumer");
                    if (key.equals(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG)) {
                        // Parsed below: short names (range, cooperative-sticky...) are not class names.
                        strategyNode = e.getValue();
                        continue;
                    }
                    values.put(key, KafkaConfigs.parse(CONSUMER_DEF, "consumer config", key, e.getValue(), keyAt));
                }
            }
            GroupProtocol protocol = "consumer".equalsIgnoreCase(String.valueOf(values.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG)))
                    ? GroupProtocol.CONSUMER : GroupProtocol.CLASSIC;
            if (protocol == GroupProtocol.CONSUMER) {
                throw new ScenarioException(at.getOrDefault(ConsumerConfig.GROUP_PROTOCOL_CONFIG, groupAt),
                        "group.protocol=consumer (KIP-848) is not simulated yet; this version runs the classic protocol only");
            }
            List<Strategy> strategies = new ArrayList<>();
            if (strategyNode != null) {
                List<YamlNode> items = strategyNode instanceof YamlNode.Sequence s ? s.items() : List.of(strategyNode);
                for (YamlNode item : items) {
                    for (String name : MappingReader.scalar(item, "partition.assignment.strategy").split(",")) {
                        try {
                            strategies.add(Strategies.resolve(name.trim()));
                        } catch (IllegalArgumentException e) {
                            throw new ScenarioException(item.location(), "'partition.assignment.strategy': " + e.getMessage());
                        }
                    }
                }
            } else {
                // Kafka's default list: [RangeAssignor, CooperativeStickyAssignor], which resolves to EAGER.
                @SuppressWarnings("unchecked")
                List<Object> defaults = (List<Object>) values.get(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
                for (Object d : defaults) {
                    strategies.add(Strategies.resolve(d instanceof Class<?> k ? k.getName() : String.valueOf(d)));
                }
            }
            Location strategyAt = strategyNode != null ? strategyNode.location() : groupAt;
            for (Strategy s : strategies) {
                if (s.protocol() != protocol) {
                    throw new ScenarioException(strategyAt, "the strategy '" + s.name() + "' belongs to the " + s.protocol().configValue()
                            + " protocol but group '" + groupId + "' uses group.protocol=" + protocol.configValue()
                            + (s.protocol() == GroupProtocol.CONSUMER ? " (set group.protocol: consumer)" : ""));
                }
            }
            List<String> classNames = new ArrayList<>();
            for (Strategy s : strategies) {
                classNames.add(s.className());
            }
            values.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.copyOf(classNames));
            checkRebalanceProtocols(classNames, strategyAt);

            int session = (Integer) values.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
            int heartbeat = (Integer) values.get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);
            if (heartbeat >= session) {
                // The client refuses this in Heartbeat's constructor: "Heartbeat must be set lower than the session timeout".
                Location l = at.getOrDefault(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, at.getOrDefault(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, groupAt));
                throw new ScenarioException(l, "heartbeat.interval.ms (" + heartbeat + ") must be below session.timeout.ms (" + session
                        + "), as the Kafka client requires (typically no more than a third of it)");
            }
            if (session < broker.groupMinSessionTimeoutMs() || session > broker.groupMaxSessionTimeoutMs()) {
                // The broker answers JoinGroup with INVALID_SESSION_TIMEOUT, a fatal error for the client.
                throw new ScenarioException(at.getOrDefault(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, groupAt), "session.timeout.ms (" + session
                        + ") is outside the broker's range [group.min.session.timeout.ms=" + broker.groupMinSessionTimeoutMs()
                        + ", group.max.session.timeout.ms=" + broker.groupMaxSessionTimeoutMs() + "]: the coordinator would reject the JoinGroup with INVALID_SESSION_TIMEOUT");
            }
            explicit.sort(Comparator.naturalOrder());
            return new ConsumerSettings(values, explicit, protocol, strategies);
        }

        /** The client's rule: all assignors must share a rebalance protocol (ConsumerCoordinator's constructor). */
        private void checkRebalanceProtocols(List<String> classNames, Location l) throws ScenarioException {
            List<ConsumerPartitionAssignor> assignors;
            try {
                assignors = ConsumerPartitionAssignor.getAssignorInstances(classNames, Map.of());
            } catch (RuntimeException e) {
                throw new ScenarioException(l, "cannot create the assignors " + classNames + ": " + e.getMessage());
            }
            Set<ConsumerPartitionAssignor.RebalanceProtocol> common = null;
            for (ConsumerPartitionAssignor a : assignors) {
                Set<ConsumerPartitionAssignor.RebalanceProtocol> p = new TreeSet<>(a.supportedProtocols());
                if (common == null) {
                    common = p;
                } else {
                    common.retainAll(p);
                }
            }
            if (common == null || common.isEmpty()) {
                throw new ScenarioException(l, "the assignors " + classNames + " share no rebalance protocol (EAGER or COOPERATIVE); the Kafka client refuses such a list");
            }
        }

        private DurationDistribution distribution(YamlNode n, String key) throws ScenarioException {
            String t = MappingReader.scalar(n, key);
            try {
                return Values.distribution(t);
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(n.location(), "'" + key + "' " + e.getMessage());
            }
        }
    }
}
