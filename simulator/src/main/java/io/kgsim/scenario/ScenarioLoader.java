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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.coordinator.group.GroupCoordinatorConfig;

/**
 * Loads and validates a scenario file (the format docs/scenario-format.md describes, generated from {@link ScenarioKeys}). Everything that can be wrong
 * with the input is found here, before a run starts or a file is written: YAML syntax, unknown
 * keys (with the nearest known one), values outside Kafka's allowed ranges, strategies that do
 * not resolve to an assignor, and timeline actions that name members that never exist.
 */
public final class ScenarioLoader {
    private static final ConfigDef BROKER_DEF = KafkaConfigs.BROKER_DEF;
    private static final Pattern ZIPF = Pattern.compile("zipf\\(\\s*([0-9.]+)\\s*\\)");

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

    /**
     * A scenario from a tree already read, validated as {@link #parse} does: a sweep replaces
     * values in the scenario's tree (each keeping the sweep file's location, so an error about it
     * points there) and builds every variant through here.
     */
    public static Scenario fromTree(String fileName, YamlNode root) throws ScenarioException {
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
        /** Every group's {@code members} entries, whose names are checked once the timeline is read. */
        private final MembersReader membersReader = new MembersReader(asked, topics.keySet());

        Builder(String file) {
            this.file = file;
        }

        Scenario scenario(YamlNode root) throws ScenarioException {
            MappingReader m = new MappingReader(root, "the scenario", "", asked);
            String name = name(m);
            String description = m.string("description", "");
            long seed = m.longValue("seed");
            long duration = m.requiredDuration("duration", "how much virtual time to simulate, e.g. 10m");
            ClusterSpec cluster = cluster(m.has("cluster") ? m.section("cluster", "'cluster'") : null, m.location());
            NetworkSpec network = network(m.has("network") ? m.section("network", "'network'") : null);
            readTopics(m);
            List<GroupSpec> groups = groups(m);
            TimelineLoader timelineLoader = new TimelineLoader(topics, brokers, groups, asked);
            List<TimelineEntry> timeline = timelineLoader.timeline(m.list("timeline"), duration);
            membersReader.checkNames(timelineLoader.highestMemberNumbers());
            List<String> compare = compare(m);
            SimulationSpec simulation = simulation(m);
            m.rejectUnknown();
            return new Scenario(file, name, description, seed, duration, cluster, network,
                    List.copyOf(topics.values()), List.copyOf(groups), timeline, List.copyOf(compare), simulation, List.copyOf(warnings));
        }

        private static String name(MappingReader m) throws ScenarioException {
            String name = m.requiredString("name", "a short name for the scenario, used for the output directory");
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw new ScenarioException(m.get("name").location(), "'name' may hold only letters, digits, '.', '_' and '-' (it names the output directory), found '" + name + "'");
            }
            return name;
        }

        /** Fills {@link #topics} in file order; the groups and the timeline refer to them by name. */
        private void readTopics(MappingReader m) throws ScenarioException {
            List<YamlNode> topicNodes = m.list("topics");
            if (topicNodes.isEmpty()) {
                throw new ScenarioException(m.keyLocation("topics"), "the scenario needs 'topics': a list of at least one topic");
            }
            for (YamlNode t : topicNodes) {
                TopicSpec spec = topic(new MappingReader(t, "a topic", "topics[]", asked));
                if (topics.containsKey(spec.name())) {
                    throw new ScenarioException(t.location(), "the topic '" + spec.name() + "' is defined twice");
                }
                for (TopicSpec other : topics.values()) {
                    if (spec.topicId() != null && spec.topicId().equals(other.topicId())) {
                        throw new ScenarioException(t.location(), "the topics '" + other.name() + "' and '" + spec.name() + "' have the same 'topic.id' "
                                + spec.topicId() + ": a cluster gives every topic its own");
                    }
                }
                topics.put(spec.name(), spec);
            }
        }

        private List<GroupSpec> groups(MappingReader m) throws ScenarioException {
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
            return groups;
        }

        /** The strategies 'kgsim compare' runs the scenario with, each checked to resolve. */
        private static List<String> compare(MappingReader m) throws ScenarioException {
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
            return compare;
        }

        private static SimulationSpec simulation(MappingReader m) throws ScenarioException {
            if (!m.has("simulation")) {
                return SimulationSpec.DEFAULTS;
            }
            MappingReader sm = m.section("simulation", "'simulation'");
            SimulationSpec simulation = new SimulationSpec(sm.duration("batch.interval"));
            sm.rejectUnknown();
            return simulation;
        }

        private ClusterSpec cluster(MappingReader m, Location parent) throws ScenarioException {
            Map<String, Object> values = KafkaConfigs.defaults(BROKER_DEF);
            List<String> racks = List.of();
            brokers = m == null ? Integer.parseInt(ScenarioKeys.get("cluster.brokers").defaultText()) : m.integer("brokers");
            long writeLatencyUs = Values.duration(ScenarioKeys.get("cluster.coordinator.write.latency").defaultText());
            if (m != null) {
                racks = m.stringList("racks");
                writeLatencyUs = m.duration("coordinator.write.latency");
                if (m.has("config")) {
                    MappingReader c = new MappingReader(m.get("config"), "'cluster.config'", "cluster.config", asked);
                    for (Map.Entry<String, YamlNode> e : c.entries().entrySet()) {
                        Location keyAt = c.keyLocation(e.getKey());
                        values.put(e.getKey(), KafkaConfigs.parse(BROKER_DEF, "broker config", e.getKey(), e.getValue(), keyAt));
                        KafkaConfigs.warnIfNotModelled(warnings, KafkaConfigs.BROKER_MODELLED, e.getKey(), keyAt, "broker");
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
                    consumerGroupConfig(values, m == null ? parent : m.location()),
                    (Integer) values.get(GroupCoordinatorConfig.GROUP_COORDINATOR_APPEND_LINGER_MS_CONFIG),
                    writeLatencyUs);
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
            Uuid topicId = m.has("topic.id") ? topicId(m) : null;
            m.rejectUnknown();
            return new TopicSpec(name, partitions, rf, produce, topicId);
        }

        /** {@code topic.id}: an id Kafka could have given the topic (16 bytes in URL-safe base64, none it reserves). */
        private static Uuid topicId(MappingReader m) throws ScenarioException {
            String text = m.requiredString("topic.id", "a topic id");
            Uuid id;
            try {
                id = Uuid.fromString(text);
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(m.get("topic.id").location(), "'topic.id' must be a topic id as Kafka prints it: 16 bytes in "
                        + "URL-safe base64, 22 characters (e.g. _7MUC2oCR3S3prTlnj_nGw), found '" + text + "'");
            }
            if (Uuid.RESERVED.contains(id)) {
                throw new ScenarioException(m.get("topic.id").location(), "'topic.id' " + text + " is one Kafka reserves and never gives a topic");
            }
            return id;
        }

        private static ProduceSpec produce(MappingReader m, int partitions) throws ScenarioException {
            double rate = rate(m);
            Skew skew = skew(m);
            if (m.has("weights")) {
                // Explicit weights replace the skew, once the skew itself has been checked.
                skew = weights(m, partitions);
            }
            int bytes = m.integer("record.bytes");
            m.rejectUnknown();
            return new ProduceSpec(rate, skew, bytes);
        }

        /** Records per second over the whole topic; 0 when the topic is not produced to. */
        private static double rate(MappingReader m) throws ScenarioException {
            if (!m.has("rate")) {
                return 0;
            }
            YamlNode r = m.get("rate");
            try {
                return Values.ratePerSecond(MappingReader.scalar(r, "rate"));
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(r.location(), "'rate' " + e.getMessage());
            }
        }

        private static Skew skew(MappingReader m) throws ScenarioException {
            if (!m.has("skew")) {
                return new Skew.Uniform();
            }
            YamlNode s = m.get("skew");
            String t = MappingReader.scalar(s, "skew").trim();
            Matcher z = ZIPF.matcher(t);
            if (t.equals("uniform")) {
                return new Skew.Uniform();
            } else if (z.matches()) {
                return new Skew.Zipf(Double.parseDouble(z.group(1)));
            }
            throw new ScenarioException(s.location(), "'skew' expects uniform or zipf(s), e.g. zipf(1.1), found '" + t + "' (explicit weights go under 'weights')");
        }

        /** One non-negative weight per partition, in partition order. */
        private static Skew weights(MappingReader m, int partitions) throws ScenarioException {
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
            return new Skew.Weights(List.copyOf(w));
        }

        private GroupSpec group(MappingReader m) throws ScenarioException {
            String groupId = m.requiredString("group.id", "the consumer group id");
            if (groupId.isEmpty() || groupId.contains("/")) {
                throw new ScenarioException(m.get("group.id").location(), "'group.id' must be non-empty and must not contain '/', found '" + groupId + "'");
            }
            List<String> subscription = SubscriptionReader.read(m, "group '" + groupId + "'", topics.keySet());
            if (subscription.isEmpty()) {
                throw new ScenarioException(m.keyLocation("subscription"), "group '" + groupId + "' needs 'subscription': a list of topic names");
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
            ConsumerSettings settings = new ConsumerConfigReader(broker, warnings).read(config, groupId, m.location());
            CommitMode commit = commitMode(m, config, settings, groupId);
            MembersReader.Members members = membersReader.read(m, groupId, settings.protocol());
            m.rejectUnknown();
            return new GroupSpec(groupId, subscription, consumers, isStatic, List.copyOf(racks), perRecord, commit, settings, members.ids(),
                    members.subscriptions());
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
