package io.kgsim.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/** Sorted sets and lists of {@link TopicPartition}, which is not itself comparable. */
public final class Partitions {
    public static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private Partitions() {
    }

    public static TreeSet<TopicPartition> sortedSet() {
        return new TreeSet<>(ORDER);
    }

    public static TreeSet<TopicPartition> sortedSet(Collection<TopicPartition> c) {
        TreeSet<TopicPartition> s = new TreeSet<>(ORDER);
        s.addAll(c);
        return s;
    }

    public static List<TopicPartition> sorted(Collection<TopicPartition> c) {
        List<TopicPartition> l = new ArrayList<>(c);
        l.sort(ORDER);
        return List.copyOf(l);
    }

    /** {@code a - b}, sorted. */
    public static List<TopicPartition> minus(Collection<TopicPartition> a, Collection<TopicPartition> b) {
        TreeSet<TopicPartition> s = sortedSet(a);
        s.removeAll(b);
        return List.copyOf(s);
    }
}
