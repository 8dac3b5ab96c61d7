package io.kgsim.scenario;

import org.apache.kafka.common.Uuid;

/**
 * A topic: partitions, replication, (for the data plane) how it is produced to, and its topic id.
 *
 * @param topicId the id the scenario fixes ({@code topic.id}), or null: derived from the seed.
 *                The consumer protocol's uniform assignor iterates topics in their ids' hash
 *                order, so the id takes part in the assignment, as a member id does.
 */
public record TopicSpec(String name, int partitions, int replicationFactor, ProduceSpec produce, Uuid topicId) {

    /** A topic whose id is derived from the seed. */
    public TopicSpec(String name, int partitions, int replicationFactor, ProduceSpec produce) {
        this(name, partitions, replicationFactor, produce, null);
    }

    /** The same topic with its id fixed to {@code id}. */
    public TopicSpec withTopicId(Uuid id) {
        return new TopicSpec(name, partitions, replicationFactor, produce, id);
    }
}
