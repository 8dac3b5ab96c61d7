package io.kgsim.cluster;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Numbers 0, 1, 2, ... for partitions, given in the order they are first asked for, so that a
 * book kept per partition can be a plain array of numbers ({@code long[]}, {@code int[]})
 * instead of an object per partition. A group's observers touch each of its partitions on every
 * commit, assignment and revocation (tens of millions of times in a large run); a lookup here is
 * one topic comparison (the row of the last topic is remembered) and one {@code int} load, and
 * the numbered books then sit side by side in memory. Only looked up, never iterated, so no
 * order decides anything.
 */
public final class PartitionIndex {
    /** Topic -> partition -> its number + 1 (0: not numbered yet). */
    private final Map<String, int[]> rows = new HashMap<>();
    private String lastTopic;
    private int[] lastRow;
    private int size;

    /** The number of {@code tp}, given now if it has none yet. */
    public int number(TopicPartition tp) {
        int[] row = row(tp.topic());
        int p = tp.partition();
        if (row == null || p >= row.length) {
            row = row == null ? new int[Math.max(16, p + 1)] : Arrays.copyOf(row, Math.max(p + 1, row.length * 2));
            rows.put(tp.topic(), row);
            lastTopic = tp.topic();
            lastRow = row;
        }
        if (row[p] == 0) {
            row[p] = ++size;
        }
        return row[p] - 1;
    }

    /** The number of {@code tp}, or -1 if it has none. */
    public int find(TopicPartition tp) {
        int[] row = row(tp.topic());
        int p = tp.partition();
        return row == null || p >= row.length ? -1 : row[p] - 1;
    }

    /** How many partitions have a number: they are 0 to {@code size() - 1}. */
    public int size() {
        return size;
    }

    private int[] row(String topic) {
        if (!topic.equals(lastTopic)) {
            int[] row = rows.get(topic);
            if (row == null) {
                return null;
            }
            lastTopic = topic;
            lastRow = row;
        }
        return lastRow;
    }
}
