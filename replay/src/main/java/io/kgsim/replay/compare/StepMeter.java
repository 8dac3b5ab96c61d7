package io.kgsim.replay.compare;

import io.kgsim.replay.record.OwnershipEvent;
import io.kgsim.replay.record.Recording;
import io.kgsim.scenario.GroupSpec;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.TimelineAction;
import io.kgsim.scenario.TimelineEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Measures one side of a replay, step by step and group by group ({@link StepMetrics}), from its
 * {@link Recording} and the scenario alone: the real run and the simulation go through this same
 * code. Events at or after the scenario's duration (consumers closed when a real run ends) fall
 * outside every step.
 */
public final class StepMeter {
    private StepMeter() {
    }

    /** Group id (in the scenario's order) -> the metrics of each of {@link Step#of}'s steps. */
    public static Map<String, List<StepMetrics>> measure(Scenario s, Recording r) {
        Map<String, List<StepMetrics>> out = new LinkedHashMap<>();
        List<Step> steps = Step.of(s);
        for (GroupSpec g : s.groups()) {
            out.put(g.groupId(), measureGroup(s, r, g.groupId(), steps));
        }
        return out;
    }

    /** A change to the partitions a group's unowned time counts: a topic grew, a member subscribed. */
    private record Growth(long timeUs, List<String> partitions) {
    }

    private static List<StepMetrics> measureGroup(Scenario s, Recording r, String group, List<Step> steps) {
        List<OwnershipEvent> events = new ArrayList<>();
        for (OwnershipEvent e : r.events()) {
            if (e.group().equals(group)) {
                events.add(e);
            }
        }
        // Stable: events at the same time keep the order they were recorded in.
        events.sort(Comparator.comparingLong(OwnershipEvent::timeUs));
        OwnershipBook book = new OwnershipBook();
        List<Growth> growth = growth(s, r, group, book);
        List<StepMetrics> out = new ArrayList<>();
        int[] next = {0, 0};
        for (Step step : steps) {
            out.add(measureStep(step, actionTime(step, r), events, growth, next, book));
        }
        return out;
    }

    /** Replays the window's events and growth in time order (growth first at equal times). */
    private static StepMetrics measureStep(Step step, long actionAtUs, List<OwnershipEvent> events, List<Growth> growth, int[] next,
            OwnershipBook book) {
        SortedMap<String, String> before = book.ownersOrLast();
        long t = step.atUs();
        long area = 0;
        Long lastChange = null;
        int rebalances = 0;
        int revocations = 0;
        while (true) {
            boolean growthNext = next[1] < growth.size() && growth.get(next[1]).timeUs() < step.untilUs()
                    && (next[0] >= events.size() || growth.get(next[1]).timeUs() <= events.get(next[0]).timeUs());
            boolean eventNext = !growthNext && next[0] < events.size() && events.get(next[0]).timeUs() < step.untilUs();
            if (!growthNext && !eventNext) {
                break;
            }
            long now = Math.max(t, growthNext ? growth.get(next[1]).timeUs() : events.get(next[0]).timeUs());
            area += book.unownedCount() * (now - t);
            t = now;
            if (growthNext) {
                book.track(growth.get(next[1]++).partitions());
                continue;
            }
            OwnershipEvent e = events.get(next[0]++);
            if (e.kind() == OwnershipEvent.Kind.EPOCH && book.reachEpoch(e.epoch())) {
                rebalances++;
            }
            if (e.kind() == OwnershipEvent.Kind.REVOKED || e.kind() == OwnershipEvent.Kind.LOST) {
                revocations += e.partitions().size();
            }
            if (book.apply(e)) {
                lastChange = now;
            }
        }
        area += book.unownedCount() * (step.untilUs() - t);
        return new StepMetrics(actionAtUs, book.assignment(), rebalances, moved(before, book), revocations,
                lastChange == null ? null : lastChange - step.atUs(), area);
    }

    private static int moved(SortedMap<String, String> before, OwnershipBook book) {
        int moved = 0;
        for (String p : book.partitions()) {
            String now = book.owner(p);
            String then = before.get(p);
            if (now != null && then != null && !now.equals(then)) {
                moved++;
            }
        }
        return moved;
    }

    /** When the step's action took effect on this side: the recording's time for it, else its scheduled time. */
    private static long actionTime(Step step, Recording r) {
        for (Recording.ActionTime a : r.actions()) {
            if (a.index() == step.timelineIndex()) {
                return a.actualUs();
            }
        }
        return step.atUs();
    }

    /**
     * The group's subscribed partitions that exist at 0 (tracked at once), then each later change:
     * {@code add-partitions} of a topic it subscribes to (at the time the side carried it out), a
     * {@code subscribe} of one of its members (topics subscribed once stay counted, as the
     * simulator's own unowned time does).
     */
    private static List<Growth> growth(Scenario s, Recording r, String group, OwnershipBook book) {
        Set<String> topics = new LinkedHashSet<>(s.group(group).subscription());
        Map<String, Integer> counts = new TreeMap<>();
        s.topics().forEach(t -> counts.put(t.name(), t.partitions()));
        book.track(partitions(topics, counts));
        List<Growth> out = new ArrayList<>();
        for (int i = 0; i < s.timeline().size(); i++) {
            TimelineEntry entry = s.timeline().get(i);
            long at = actionTime(new Step(i + 1, "", entry.atUs(), entry.atUs()), r);
            if (entry.action() instanceof TimelineAction.AddPartitions a) {
                counts.put(a.topic(), Math.max(counts.get(a.topic()), a.count()));
                out.add(new Growth(at, partitions(topics, counts)));
            } else if (entry.action() instanceof TimelineAction.Subscribe sub && sub.member().group().equals(group)) {
                topics.addAll(sub.topics());
                out.add(new Growth(at, partitions(topics, counts)));
            }
        }
        out.sort(Comparator.comparingLong(Growth::timeUs));
        return out;
    }

    private static List<String> partitions(Set<String> topics, Map<String, Integer> counts) {
        List<String> out = new ArrayList<>();
        for (String t : topics) {
            for (int p = 0; p < counts.getOrDefault(t, 0); p++) {
                out.add(t + "-" + p);
            }
        }
        return out;
    }
}
