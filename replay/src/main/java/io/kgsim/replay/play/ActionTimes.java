package io.kgsim.replay.play;

import io.kgsim.replay.record.Recording;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.TimelineEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * When each timeline action took effect in the real run: its first step's time (a start's is
 * the STARTED line of its consumer, when it subscribed; a stop's, kill's or pause's when the
 * command or signal was sent). An action with no step (production, or one that found its member
 * not running, as the simulator would) took effect when scheduled.
 */
final class ActionTimes {
    private ActionTimes() {
    }

    static List<Recording.ActionTime> of(Scenario scenario, List<Step> steps, Playback playback, RecordingBuilder recording,
                                         Consumer<String> progress) {
        List<TimelineEntry> timeline = scenario.timeline();
        Long[] actualUs = new Long[timeline.size()];
        List<Long> lateUs = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Optional<Long> nanos = playback.actualNanos(i, step);
            if (nanos.isPresent()) {
                long us = recording.us(nanos.get());
                lateUs.add(us - step.atUs());
                if (step.action() >= 0 && actualUs[step.action()] == null) {
                    actualUs[step.action()] = us;
                }
            }
        }
        List<Recording.ActionTime> out = new ArrayList<>();
        for (int i = 0; i < timeline.size(); i++) {
            TimelineEntry e = timeline.get(i);
            out.add(new Recording.ActionTime(i, e.action().label(), e.atUs(), actualUs[i] == null ? e.atUs() : actualUs[i]));
        }
        if (!lateUs.isEmpty()) {
            long[] sorted = lateUs.stream().mapToLong(Long::longValue).sorted().toArray();
            progress.accept("steps took effect " + ms(sorted[0]) + " to " + ms(sorted[sorted.length - 1]) + " ms after their scenario time"
                + " (median " + ms(sorted[sorted.length / 2]) + " ms, " + sorted.length + " steps)");
        }
        return out;
    }

    private static String ms(long us) {
        return String.format(java.util.Locale.ROOT, "%.1f", us / 1000.0);
    }
}
