package io.kgsim.replay.play;

import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.TimelineAction;
import io.kgsim.scenario.TimelineEntry;
import io.kgsim.scenario.TopicSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * What a real run can and cannot carry out of a scenario, said before anything starts.
 *
 * @param errors timeline actions a real run cannot carry out, each "file:line:column: label: why";
 *               a replay must refuse the scenario when there is one
 * @param notes  what the replay leaves out on both sides (production: a replay produces no
 *               records), each with its place in the file where it has one
 */
public record Replayability(List<String> errors, List<String> notes) {

    public Replayability {
        errors = List.copyOf(errors);
        notes = List.copyOf(notes);
    }

    /** Checks every timeline action and every topic's production. */
    public static Replayability of(Scenario scenario) {
        List<String> errors = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (TimelineEntry e : scenario.timeline()) {
            String at = e.location() + ": " + e.action().label() + ": ";
            TimelineAction a = e.action();
            if (a instanceof TimelineAction.CutNetwork) {
                errors.add(at + "a real run cannot cut one consumer off from its coordinator while it still fetches (that needs a"
                    + " network proxy between them)");
            } else if (a instanceof TimelineAction.BrokerCrash) {
                errors.add(at + "a real run cannot crash a broker: the broker it starts is a single node, and a cluster named with"
                    + " --bootstrap-server is not the replay's to crash");
            } else if (a instanceof TimelineAction.SetRate || a instanceof TimelineAction.Burst) {
                notes.add(at + "production is left out: a replay produces no records, so both sides run without them");
            }
        }
        for (TopicSpec t : scenario.topics()) {
            if (t.produce() != null && t.produce().ratePerSecond() > 0) {
                notes.add(scenario.file() + ": topic " + t.name() + ": its production is left out: a replay produces no records,"
                    + " so both sides run without them");
            }
        }
        if (scenario.cluster().brokers() > 1) {
            notes.add(scenario.file() + ": cluster.brokers is " + scenario.cluster().brokers() + ": the real run uses one broker"
                + " (or the cluster named with --bootstrap-server), so coordinator and leader placement may differ");
        }
        return new Replayability(errors, notes);
    }
}
