package io.kgsim.testing;

import io.kgsim.protocol.GroupEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Replays the ownership events of a trace to answer "who owned what at time t". */
public final class Ownership {
    private Ownership() {
    }

    /** Partition ("topic-n") -> owners, after every event with time <= {@code tUs}. */
    public static Map<String, TreeSet<String>> at(List<GroupEvent> events, long tUs) {
        Map<String, TreeSet<String>> owners = new TreeMap<>();
        for (GroupEvent e : events) {
            if (e.timeUs() > tUs) {
                break;
            }
            apply(owners, e);
        }
        return owners;
    }

    public static void apply(Map<String, TreeSet<String>> owners, GroupEvent e) {
        switch (e.type()) {
            case PARTITIONS_ASSIGNED -> e.partitions().forEach(tp -> owners.computeIfAbsent(tp.toString(), k -> new TreeSet<>()).add(e.member()));
            case PARTITIONS_REVOKED, PARTITIONS_LOST -> e.partitions().forEach(tp -> owners.computeIfAbsent(tp.toString(), k -> new TreeSet<>()).remove(e.member()));
            default -> {
            }
        }
    }
}
