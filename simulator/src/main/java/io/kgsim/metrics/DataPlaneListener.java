package io.kgsim.metrics;

import org.apache.kafka.common.TopicPartition;

/**
 * Observes the data plane: records a member processed. A consumer looks up its
 * {@link MemberSink} once and the {@link PartitionSink} of each partition it fetches once, then
 * reports every batch to them, which keeps the per-batch path free of map lookups.
 */
public interface DataPlaneListener {
    /** Where to report the records of {@code tp} that a member of {@code group} processes. */
    PartitionSink partition(String group, TopicPartition tp);

    /** One partition's processed records. */
    @FunctionalInterface
    interface PartitionSink {
        /**
         * Offsets {@code [from, to)} have just been processed (again, for those already
         * processed), one after another at even intervals: the first finished at
         * {@code firstUs}, the last at {@code lastUs}.
         */
        void processed(long from, long to, long firstUs, long lastUs);
    }

    /** Where a member of {@code group} reports its batches, looked up once per consumer. */
    MemberSink member(String group, String member);

    /** One member's work. */
    interface MemberSink {
        /** {@code records} processed evenly over [startUs, endUs]: throughput. */
        void processed(long records, long startUs, long endUs);

        /** Bytes fetched from a replica outside the member's rack. */
        void crossRackBytes(long bytes, long nowUs);
    }
}
