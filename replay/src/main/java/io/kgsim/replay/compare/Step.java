package io.kgsim.replay.compare;

import io.kgsim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a replay: a timeline entry and the window it owns, from its scheduled time to the
 * next entry's (the last: to the scenario's duration); step 0, "start", runs from 0 to the first
 * entry. Entries at the same time give the earlier ones an empty window: what follows them all
 * is measured in the last one's.
 *
 * @param number        0 for the start, then 1, 2, ... (timeline entry {@code number - 1})
 * @param action        the entry's label, or "start"
 * @param atUs          the window's start: the entry's scheduled time
 * @param untilUs       the window's end (excluded)
 */
public record Step(int number, String action, long atUs, long untilUs) {

    /** The steps of a scenario, in order: the start, then one per timeline entry. */
    public static List<Step> of(Scenario s) {
        List<Step> steps = new ArrayList<>();
        int n = s.timeline().size();
        steps.add(new Step(0, "start", 0, n == 0 ? s.durationUs() : s.timeline().get(0).atUs()));
        for (int i = 0; i < n; i++) {
            long until = i + 1 < n ? s.timeline().get(i + 1).atUs() : s.durationUs();
            steps.add(new Step(i + 1, s.timeline().get(i).action().label(), s.timeline().get(i).atUs(), until));
        }
        return List.copyOf(steps);
    }

    /** The timeline entry's index, or -1 for the start. */
    public int timelineIndex() {
        return number - 1;
    }
}
