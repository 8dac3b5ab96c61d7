package io.kgsim.scenario;

/**
 * The broker settings the group coordinator reads, under Kafka's names and with Kafka's
 * defaults (taken from {@code GroupCoordinatorConfig.CONFIG_DEF}, not copied by hand), plus
 * {@code replica.selector.class} (KIP-392 fetch from follower) and the controller's
 * {@code broker.session.timeout.ms} (how long a dead broker keeps its partitions).
 * {@link #consumerGroup} holds the consumer group protocol's {@code group.consumer.*} configs.
 * {@link #appendLingerMs} is {@code group.coordinator.append.linger.ms} (-1: adaptive) and
 * {@link #coordinatorWriteLatencyUs} the scenario's {@code cluster.coordinator.write.latency}:
 * together, how long a coordinator write takes to commit before its request is answered.
 */
public record BrokerConfig(
        int groupInitialRebalanceDelayMs,
        int offsetsTopicNumPartitions,
        int groupMinSessionTimeoutMs,
        int groupMaxSessionTimeoutMs,
        int groupMaxSize,
        boolean rackAwareFetch,
        int brokerSessionTimeoutMs,
        ConsumerGroupBrokerConfig consumerGroup,
        int appendLingerMs,
        long coordinatorWriteLatencyUs) {
    /** The {@code replica.selector.class} value that turns {@link #rackAwareFetch} on. */
    public static final String RACK_AWARE_SELECTOR = "org.apache.kafka.common.replica.RackAwareReplicaSelector";

    /** A coordinator whose writes commit at once (adaptive linger, no write latency): the protocol tests' broker. */
    public BrokerConfig(int groupInitialRebalanceDelayMs, int offsetsTopicNumPartitions, int groupMinSessionTimeoutMs,
                        int groupMaxSessionTimeoutMs, int groupMaxSize, boolean rackAwareFetch, int brokerSessionTimeoutMs,
                        ConsumerGroupBrokerConfig consumerGroup) {
        this(groupInitialRebalanceDelayMs, offsetsTopicNumPartitions, groupMinSessionTimeoutMs, groupMaxSessionTimeoutMs, groupMaxSize,
                rackAwareFetch, brokerSessionTimeoutMs, consumerGroup, -1, 0);
    }
}
