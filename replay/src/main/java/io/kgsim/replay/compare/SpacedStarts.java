package io.kgsim.replay.compare;

import io.kgsim.replay.record.StartSpacing;
import io.kgsim.scenario.GroupSpec;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.TimelineAction;
import io.kgsim.scenario.TimelineEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The scenario a replay simulates, with the members it starts together spaced as the real run
 * starts them ({@link StartSpacing}): a group's {@code consumers: N} becomes one member at time 0
 * and {@code start {count: 1}} at each spacing after it, and a {@code start {count: k}} becomes k
 * such starts. {@code start {count}} takes the next unused numbers, so every member keeps its
 * name, and nothing else in the timeline changes. The steps of the comparison are still the
 * scenario's own entries: the added ones only place starts in time.
 */
final class SpacedStarts {
    private SpacedStarts() {
    }

    static Scenario of(Scenario s) {
        List<TimelineEntry> timeline = new ArrayList<>();
        List<GroupSpec> groups = new ArrayList<>();
        for (GroupSpec g : s.groups()) {
            groups.add(g.consumers() > 1 ? g.withConsumers(1) : g);
            for (int i = 1; i < g.consumers(); i++) {
                timeline.add(new TimelineEntry(StartSpacing.startUs(0, i), new TimelineAction.StartNew(g.groupId(), 1), null));
            }
        }
        for (TimelineEntry e : s.timeline()) {
            if (e.action() instanceof TimelineAction.StartNew n) {
                for (int i = 0; i < n.count(); i++) {
                    timeline.add(new TimelineEntry(StartSpacing.startUs(e.atUs(), i), new TimelineAction.StartNew(n.group(), 1), e.location()));
                }
            } else {
                timeline.add(e);
            }
        }
        // stable: entries at the same time keep the scenario's order, which the simulator keeps too
        timeline.sort(Comparator.comparingLong(TimelineEntry::atUs));
        return s.withGroups(List.copyOf(groups)).withTimeline(List.copyOf(timeline));
    }
}
