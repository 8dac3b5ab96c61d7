package io.kgsim.metrics;

import org.apache.kafka.common.TopicPartition;

/**
 * Observes the data plane: records a member processed. A consumer looks up the
 * {@link PartitionSink} of each partition it fetches once, then reports every batch to it,
 * which keeps the per-batch path free of map lookups.
 */
public interface DataPlaneListener {
    /** Where to report the records of {@code tp} that a member of {@code group} processes. */
    PartitionSink partition(String group, TopicPartition tp);

    /** One partition's processed records. */
    @FunctionalInterface
    interface PartitionSink {
        /** Offsets {@code [from, to)} have just been processed (again, for those already processed). */
        void processed(long from, long to);
    }

    /** {@code records} processed by {@code member} evenly over [startUs, endUs]: throughput. */
    void throughput(String group, String member, long records, long startUs, long endUs);

    /** Bytes fetched by a member from a replica outside its rack. */
    default void crossRackBytes(String group, String member, long bytes, long nowUs) {
    }
}
