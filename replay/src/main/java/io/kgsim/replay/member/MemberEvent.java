package io.kgsim.replay.member;

import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * One line a child consumer prints: a {@code ConsumerRebalanceListener} callback or a life-cycle
 * step, when it happened ({@code System.nanoTime()}: CLOCK_MONOTONIC on Linux, so comparable
 * across the JVMs of one host), and the member id and generation (member epoch under the
 * consumer protocol) the consumer had then ({@code KafkaConsumer.groupMetadata()}). On the wire:
 * <pre>{"type":"ASSIGNED","nanos":24384180600166,"member":"c1","memberId":"Zs3k...","generation":4,
 *  "partitions":[{"topic":"orders","partition":0},{"topic":"orders","partition":1}]}</pre>
 *
 * @param partitions the callback's partitions, sorted; empty for life-cycle events
 * @param detail     the failure message for {@link Type#FAILED}, else null
 */
public record MemberEvent(Type type, long nanos, String member, String memberId, int generation,
                          List<Partition> partitions, String detail) {

    public enum Type {
        /** The JVM has warmed up; the child waits for the parent's create command (a pre-spawned process). */
        READY,
        /** The KafkaConsumer is constructed and has fetched the topic's metadata; the child waits for the start command. */
        CREATED,
        /** The KafkaConsumer is constructed and subscribed; its first poll follows. */
        STARTED,
        /** ConsumerRebalanceListener.onPartitionsAssigned. */
        ASSIGNED,
        /** ConsumerRebalanceListener.onPartitionsRevoked. */
        REVOKED,
        /** ConsumerRebalanceListener.onPartitionsLost. */
        LOST,
        /**
         * The member's generation (classic) or member epoch (consumer protocol), or its member
         * id, differs from the last EPOCH line: printed after a poll returns, or just before a
         * callback that carries the new one.
         */
        EPOCH,
        /** KafkaConsumer.close() returned: the member has left the group. */
        CLOSED,
        /** The consumer threw; the JVM exits. */
        FAILED
    }

    public record Partition(String topic, int partition) {
        static final Comparator<Partition> ORDER = Comparator.comparing(Partition::topic).thenComparingInt(Partition::partition);
    }

    public MemberEvent {
        partitions = List.copyOf(partitions);
    }

    static List<Partition> partitions(Collection<TopicPartition> topicPartitions) {
        return topicPartitions.stream()
            .map(tp -> new Partition(tp.topic(), tp.partition()))
            .sorted(Partition.ORDER)
            .toList();
    }
}
