package io.kgsim.protocol;

import io.kgsim.cluster.Partitions;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.SortedMap;
import org.apache.kafka.common.TopicPartition;

/**
 * What a member's group protocol needs from the rest of its consumer: the application thread
 * (which runs the protocol's main-thread steps when it is in {@code poll()}) and the fetcher's
 * positions. {@code consumer.ConsumerApp} is the implementation.
 */
public interface MemberHost {
    /** Something needs the main thread (a rejoin, an assignment): run a poll as soon as it may. */
    void wakeup();

    /**
     * Background work that waits for the application thread's next turn of its poll loop (the
     * consumer protocol's rebalance callbacks, queued by Kafka's background thread and run by
     * {@code AsyncKafkaConsumer.processBackgroundEvents} at the top of each turn). An application
     * idle in {@code poll()} serves it at the loop's next turn, at most {@code retryBackoffUs}
     * after the current wait began, sooner when data arrives; a busy one (processing, committing,
     * stuck) when it next enters {@code poll()}. A host without a poll loop serves it at once, as
     * {@link #wakeup()}.
     */
    default void wakeupAtNextPollTurn(long retryBackoffUs) {
        wakeup();
    }

    /**
     * Whether the application's current poll-loop turn handed the background thread a poll event,
     * which is what lets a consumer-protocol member start a reconciliation that commits or revokes
     * ({@code maybeReconcile(true)} runs on Kafka 4.4's {@code AsyncPollEvent}). A host without a
     * poll loop: always.
     */
    default boolean pollEventSubmitted() {
        return true;
    }

    /** {@code allConsumed()}: the next offset to consume of each of these partitions that has one. */
    SortedMap<TopicPartition, Long> consumedPositions(Collection<TopicPartition> partitions);

    /** Partitions revoked or lost: forget their positions and stop fetching them. */
    void partitionsRemoved(List<TopicPartition> partitions);

    /** A host that has no data plane: always in poll, nothing consumed. */
    MemberHost NONE = new MemberHost() {
        @Override
        public void wakeup() {
        }

        @Override
        public SortedMap<TopicPartition, Long> consumedPositions(Collection<TopicPartition> partitions) {
            return new TreeMap<>(Partitions.ORDER);
        }

        @Override
        public void partitionsRemoved(List<TopicPartition> partitions) {
        }
    };
}
