package io.kgsim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Reads a group's {@code config} section, Kafka consumer configs, into its {@link ConsumerSettings},
 * refusing what the Kafka client or the broker would refuse: keys the scenario sets elsewhere,
 * values outside {@code ConfigDef}'s ranges, strategies of another group protocol or with no
 * rebalance protocol in common, and a session timeout the heartbeat or the broker's range rules out.
 */
final class ConsumerConfigReader {
    private static final ConfigDef CONSUMER_DEF = KafkaConfigs.CONSUMER_DEF;
    /** Consumer keys the scenario sets elsewhere, with where. */
    private static final Map<String, String> SET_ELSEWHERE = KafkaConfigs.CONSUMER_SET_ELSEWHERE;

    private final BrokerConfig broker;
    /** The scenario's "accepted, not modelled" warnings, appended to in file order. */
    private final List<String> warnings;

    ConsumerConfigReader(BrokerConfig broker, List<String> warnings) {
        this.broker = broker;
        this.warnings = warnings;
    }

    /** The group's consumer settings: its explicit 'config' (c, or null when it has none) over Kafka's defaults. */
    ConsumerSettings read(MappingReader c, String groupId, Location groupAt) throws ScenarioException {
        Map<String, Object> values = KafkaConfigs.defaults(CONSUMER_DEF);
        ExplicitConfig explicit = explicitConfig(c, values);
        GroupProtocol protocol = groupProtocol(values);
        if (protocol == GroupProtocol.CONSUMER) {
            return readConsumerProtocol(values, explicit, groupAt);
        }
        if (explicit.at().containsKey(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG)) {
            // ConsumerConfig.checkUnsupportedConfigsPostProcess, for the classic protocol.
            throw new ScenarioException(explicit.at().get(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG),
                    "group.remote.assignor cannot be set when group.protocol=classic, as the Kafka client says: it names a server-side "
                            + "assignor of the consumer protocol (set group.protocol: consumer)");
        }
        YamlNode strategyNode = explicit.strategyNode();
        List<Strategy> strategies = strategyNode != null ? strategies(strategyNode) : defaultStrategies(values);
        Location strategyAt = strategyNode != null ? strategyNode.location() : groupAt;
        checkStrategyProtocols(strategies, protocol, strategyAt, groupId);
        List<String> classNames = new ArrayList<>();
        for (Strategy s : strategies) {
            classNames.add(s.className());
        }
        values.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.copyOf(classNames));
        checkRebalanceProtocols(classNames, strategyAt);
        checkSessionTimeout(values, explicit.at(), groupAt);
        return new ConsumerSettings(values, explicit.keys().stream().sorted().toList(), protocol, strategies);
    }

    /**
     * The group's 'config' entries, in file order.
     *
     * @param keys the names set, in file order
     * @param at where each value is
     * @param strategyNode the partition.assignment.strategy value, or null when not set
     */
    private record ExplicitConfig(List<String> keys, Map<String, Location> at, YamlNode strategyNode) { }

    /** Parses each explicit consumer config into {@code values}, all but the strategies. */
    private ExplicitConfig explicitConfig(MappingReader c, Map<String, Object> values) throws ScenarioException {
        List<String> keys = new ArrayList<>();
        Map<String, Location> at = new LinkedHashMap<>();
        YamlNode strategyNode = null;
        if (c == null) {
            return new ExplicitConfig(keys, at, strategyNode);
        }
        for (Map.Entry<String, YamlNode> e : c.entries().entrySet()) {
            String key = e.getKey();
            Location keyAt = c.keyLocation(key);
            if (SET_ELSEWHERE.containsKey(key)) {
                throw new ScenarioException(keyAt, "'" + key + "' is not set in 'config': use " + SET_ELSEWHERE.get(key));
            }
            keys.add(key);
            at.put(key, e.getValue().location());
            KafkaConfigs.warnIfNotModelled(warnings, KafkaConfigs.CONSUMER_MODELLED, key, keyAt, "consumer");
            if (key.equals(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG)) {
                // Parsed apart: short names (range, cooperative-sticky...) are not class names.
                strategyNode = e.getValue();
                continue;
            }
            values.put(key, KafkaConfigs.parse(CONSUMER_DEF, "consumer config", key, e.getValue(), keyAt));
        }
        return new ExplicitConfig(keys, at, strategyNode);
    }

    private static GroupProtocol groupProtocol(Map<String, Object> values) {
        return "consumer".equalsIgnoreCase(String.valueOf(values.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG)))
                ? GroupProtocol.CONSUMER : GroupProtocol.CLASSIC;
    }

    /**
     * {@code group.protocol=consumer}: the client refuses the classic protocol's settings
     * (the broker imposes the session timeout and heartbeat interval, and assigns on its side);
     * the strategy is the server assignor {@code group.remote.assignor} names, else the broker's
     * default (the first of {@code group.consumer.assignors}).
     */
    private ConsumerSettings readConsumerProtocol(Map<String, Object> values, ExplicitConfig explicit, Location groupAt) throws ScenarioException {
        for (String key : List.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)) {
            if (explicit.at().containsKey(key)) {
                // ConsumerConfig.checkUnsupportedConfigsPostProcess: a ConfigException at construction.
                throw new ScenarioException(explicit.at().get(key), key + " cannot be set when group.protocol=consumer, as the Kafka "
                        + "client says: " + CONSUMER_PROTOCOL_REPLACEMENT.get(key));
            }
        }
        Strategy strategy = ServerAssignorStrategies.resolve(values.get(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG),
                broker.consumerGroup().assignors(), explicit.at().getOrDefault(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, groupAt));
        values.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of());
        return new ConsumerSettings(values, explicit.keys().stream().sorted().toList(), GroupProtocol.CONSUMER, List.of(strategy));
    }

    /** What replaces each classic setting under the consumer protocol. */
    private static final Map<String, String> CONSUMER_PROTOCOL_REPLACEMENT = Map.of(
            ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
            "the broker assigns; choose its assignor with group.remote.assignor (uniform, range)",
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "the broker's group.consumer.session.timeout.ms applies (cluster.config)",
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "the broker's group.consumer.heartbeat.interval.ms applies (cluster.config)");

    /** The scenario's partition.assignment.strategy: a list, or one comma-separated string, of names or classes. */
    private static List<Strategy> strategies(YamlNode strategyNode) throws ScenarioException {
        List<Strategy> strategies = new ArrayList<>();
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
        return strategies;
    }

    /** Kafka's default list: [RangeAssignor, CooperativeStickyAssignor], which resolves to EAGER. */
    private static List<Strategy> defaultStrategies(Map<String, Object> values) {
        List<Strategy> strategies = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object> defaults = (List<Object>) values.get(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        for (Object d : defaults) {
            strategies.add(Strategies.resolve(d instanceof Class<?> k ? k.getName() : String.valueOf(d)));
        }
        return strategies;
    }

    private static void checkStrategyProtocols(List<Strategy> strategies, GroupProtocol protocol, Location strategyAt, String groupId)
            throws ScenarioException {
        for (Strategy s : strategies) {
            if (s.protocol() != protocol) {
                throw new ScenarioException(strategyAt, "the strategy '" + s.name() + "' belongs to the " + s.protocol().configValue()
                        + " protocol but group '" + groupId + "' uses group.protocol=" + protocol.configValue()
                        + (s.protocol() == GroupProtocol.CONSUMER ? " (set group.protocol: consumer, and choose the server assignor with "
                        + "group.remote.assignor instead of partition.assignment.strategy)" : ""));
            }
        }
    }

    /** The session timeout the client and the broker would both accept. */
    private void checkSessionTimeout(Map<String, Object> values, Map<String, Location> at, Location groupAt) throws ScenarioException {
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
}
