package io.kgsim.replay.compare;

import io.kgsim.replay.record.OwnershipEvent;
import io.kgsim.replay.record.OwnershipEvent.Kind;
import io.kgsim.replay.record.Recording;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.ScenarioLoader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-written recordings and scenarios for the comparison's tests. */
final class Recordings {
    private final String group;
    private final List<OwnershipEvent> events = new ArrayList<>();
    private final List<Recording.ActionTime> actions = new ArrayList<>();

    Recordings(String group) {
        this.group = group;
    }

    static Scenario parse(String yaml) {
        try {
            return ScenarioLoader.parse("test.yaml", new StringReader(yaml));
        } catch (ScenarioException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** An event at {@code ms} milliseconds. */
    Recordings at(double ms, String member, Kind kind, String... partitions) {
        return at(ms, member, kind, -1, partitions);
    }

    Recordings epoch(double ms, String member, int epoch) {
        return at(ms, member, Kind.EPOCH, epoch);
    }

    Recordings at(double ms, String member, Kind kind, int epoch, String... partitions) {
        events.add(new OwnershipEvent(Math.round(ms * 1000), group, member, kind, List.of(partitions), epoch, ""));
        return this;
    }

    /** Timeline entry {@code index} took effect at {@code actualMs} (scheduled at {@code scheduledMs}). */
    Recordings action(int index, double scheduledMs, double actualMs) {
        actions.add(new Recording.ActionTime(index, "action " + index, Math.round(scheduledMs * 1000), Math.round(actualMs * 1000)));
        return this;
    }

    Recording build() {
        return new Recording(events, Map.of(), actions);
    }
}
