package io.kgsim.metrics;

import org.apache.kafka.common.TopicPartition;

/** Observes the data plane: records a member processed. */
public interface DataPlaneListener {
    /**
     * {@code member} of {@code group} finished processing offsets {@code [from, to)} of
     * {@code tp}; the work was spread evenly over {@code [startUs, endUs]}.
     */
    void recordsProcessed(String group, String member, TopicPartition tp, long from, long to, long startUs, long endUs);

    /** Bytes fetched by a member from a replica outside its rack. */
    default void crossRackBytes(String group, String member, long bytes, long nowUs) {
    }
}
