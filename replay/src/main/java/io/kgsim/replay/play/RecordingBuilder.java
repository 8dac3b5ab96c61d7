package io.kgsim.replay.play;

import io.kgsim.replay.member.MemberEvent;
import io.kgsim.replay.record.OwnershipEvent;
import io.kgsim.replay.record.Recording;
import io.kgsim.scenario.MemberRef;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The child consumers' lines in the recording's words: {@code System.nanoTime()} (one
 * CLOCK_MONOTONIC for every JVM of the host) to µs since t0, cluster topic names to scenario
 * names, one event list in time order; events after the scenario's duration are dropped.
 */
final class RecordingBuilder {
    private record Timed(long timeUs, long order, OwnershipEvent event) {
    }

    private final long t0Nanos;
    private final long durationUs;
    private final TopicNames topics;
    private final List<Timed> events = new ArrayList<>();
    private long order;

    RecordingBuilder(long t0Nanos, long durationUs, TopicNames topics) {
        this.t0Nanos = t0Nanos;
        this.durationUs = durationUs;
        this.topics = topics;
    }

    long us(long nanos) {
        return Math.floorDiv(nanos - t0Nanos, 1000);
    }

    /**
     * One process's lines; READY and CREATED (before its start) are no ownership events. FAILED
     * ends the process as a close does (a coordinator error the client treats as fatal; any
     * other failure ends the run instead), as the simulation's {@code member-failed} does.
     */
    void add(MemberRef member, List<MemberEvent> lines) {
        for (MemberEvent e : lines) {
            OwnershipEvent.Kind kind = switch (e.type()) {
                case STARTED -> OwnershipEvent.Kind.STARTED;
                case ASSIGNED -> OwnershipEvent.Kind.ASSIGNED;
                case REVOKED -> OwnershipEvent.Kind.REVOKED;
                case LOST -> OwnershipEvent.Kind.LOST;
                case EPOCH -> OwnershipEvent.Kind.EPOCH;
                case CLOSED, FAILED -> OwnershipEvent.Kind.CLOSED;
                case READY, CREATED -> null;
            };
            if (kind != null) {
                add(e.nanos(), new OwnershipEvent(us(e.nanos()), member.group(), member.member(), kind, partitions(e.partitions()),
                    e.generation(), e.memberId()));
            }
        }
    }

    /** The kill of a process, with the epoch and member id it last reported. */
    void killed(MemberRef member, long nanos, List<MemberEvent> lines) {
        MemberEvent last = lines.isEmpty() ? null : lines.get(lines.size() - 1);
        add(nanos, new OwnershipEvent(us(nanos), member.group(), member.member(), OwnershipEvent.Kind.KILLED, List.of(),
            last == null ? -1 : last.generation(), last == null ? "" : last.memberId()));
    }

    private void add(long nanos, OwnershipEvent event) {
        if (event.timeUs() <= durationUs) {
            events.add(new Timed(event.timeUs(), order++, event));
        }
    }

    private List<String> partitions(List<MemberEvent.Partition> partitions) {
        return partitions.stream()
            .map(p -> new MemberEvent.Partition(topics.scenario(p.topic()), p.partition()))
            .sorted(Comparator.comparing(MemberEvent.Partition::topic).thenComparingInt(MemberEvent.Partition::partition))
            .map(p -> p.topic() + "-" + p.partition())
            .toList();
    }

    Recording build(List<Recording.ActionTime> actions) {
        List<OwnershipEvent> sorted = events.stream()
            .sorted(Comparator.comparingLong(Timed::timeUs).thenComparingLong(Timed::order))
            .map(Timed::event)
            .toList();
        return new Recording(sorted, memberIds(sorted), actions);
    }

    /** Each member's ids in the order it got them: a new one whenever the id it reports changes. */
    private static Map<String, List<String>> memberIds(List<OwnershipEvent> events) {
        Map<String, List<String>> ids = new TreeMap<>();
        Map<String, String> last = new LinkedHashMap<>();
        for (OwnershipEvent e : events) {
            String key = e.group() + "/" + e.member();
            if (!e.memberId().isEmpty() && !e.memberId().equals(last.get(key))) {
                last.put(key, e.memberId());
                ids.computeIfAbsent(key, k -> new ArrayList<>()).add(e.memberId());
            }
        }
        return ids;
    }
}
