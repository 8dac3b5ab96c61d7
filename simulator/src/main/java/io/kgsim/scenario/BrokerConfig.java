package io.kgsim.scenario;

/**
 * The broker settings the group coordinator reads, under Kafka's names and with Kafka's
 * defaults (taken from {@code GroupCoordinatorConfig.CONFIG_DEF}, not copied by hand), plus
 * {@code replica.selector.class} (KIP-392 fetch from follower) and the controller's
 * {@code broker.session.timeout.ms} (how long a dead broker keeps its partitions).
 * {@link #consumerGroup} holds the consumer group protocol's {@code group.consumer.*} configs.
 */
public record BrokerConfig(
        int groupInitialRebalanceDelayMs,
        int offsetsTopicNumPartitions,
        int groupMinSessionTimeoutMs,
        int groupMaxSessionTimeoutMs,
        int groupMaxSize,
        boolean rackAwareFetch,
        int brokerSessionTimeoutMs,
        ConsumerGroupBrokerConfig consumerGroup) {
    /** The {@code replica.selector.class} value that turns {@link #rackAwareFetch} on. */
    public static final String RACK_AWARE_SELECTOR = "org.apache.kafka.common.replica.RackAwareReplicaSelector";
}
