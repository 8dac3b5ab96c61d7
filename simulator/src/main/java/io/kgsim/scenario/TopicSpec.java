package io.kgsim.scenario;

/** A topic: partitions, replication, and (for the data plane) how it is produced to. */
public record TopicSpec(String name, int partitions, int replicationFactor, ProduceSpec produce) {
}
