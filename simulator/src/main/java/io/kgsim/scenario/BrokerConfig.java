package io.kgsim.scenario;

/**
 * The broker settings the group coordinator reads, under Kafka's names and with Kafka's
 * defaults (taken from {@code GroupCoordinatorConfig.CONFIG_DEF}, not copied by hand).
 */
public record BrokerConfig(
        int groupInitialRebalanceDelayMs,
        int offsetsTopicNumPartitions,
        int groupMinSessionTimeoutMs,
        int groupMaxSessionTimeoutMs,
        int groupMaxSize) {
}
