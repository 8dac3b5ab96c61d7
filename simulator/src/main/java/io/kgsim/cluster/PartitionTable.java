package io.kgsim.cluster;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;

/**
 * Values by partition, laid out as one array per topic indexed by partition number. A large
 * group touches each of its ten thousand partitions in several books at every rebalance; a
 * {@code HashMap<TopicPartition, V>} costs a cache miss per touch (bucket, node, key), an array
 * slot one at most, and the topic's row is remembered between calls. Only looked up, never
 * iterated, so no order decides anything.
 */
public final class PartitionTable<V> {
    private final Map<String, Object[]> rows = new HashMap<>();
    private String lastTopic;
    private Object[] lastRow;

    /** The value of {@code tp}, or null. */
    @SuppressWarnings("unchecked")
    public V get(TopicPartition tp) {
        Object[] row = row(tp.topic());
        int p = tp.partition();
        return row == null || p >= row.length ? null : (V) row[p];
    }

    /** The value of {@code tp}, made by {@code create} the first time. */
    @SuppressWarnings("unchecked")
    public V computeIfAbsent(TopicPartition tp, Function<TopicPartition, V> create) {
        Object[] row = rowFor(tp);
        int p = tp.partition();
        Object v = row[p];
        if (v == null) {
            v = create.apply(tp);
            row[p] = v;
        }
        return (V) v;
    }

    /** Sets the value of {@code tp}; returns the previous one, or null. */
    @SuppressWarnings("unchecked")
    public V put(TopicPartition tp, V value) {
        Object[] row = rowFor(tp);
        Object previous = row[tp.partition()];
        row[tp.partition()] = value;
        return (V) previous;
    }

    private Object[] row(String topic) {
        if (!topic.equals(lastTopic)) {
            Object[] row = rows.get(topic);
            if (row == null) {
                return null;
            }
            lastTopic = topic;
            lastRow = row;
        }
        return lastRow;
    }

    /** The topic's row, grown to hold {@code tp}. */
    private Object[] rowFor(TopicPartition tp) {
        Object[] row = row(tp.topic());
        int p = tp.partition();
        if (row == null || p >= row.length) {
            row = row == null ? new Object[Math.max(16, p + 1)] : Arrays.copyOf(row, Math.max(p + 1, row.length * 2));
            rows.put(tp.topic(), row);
            lastTopic = tp.topic();
            lastRow = row;
        }
        return row;
    }
}
