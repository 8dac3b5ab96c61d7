package io.kgsim.testing;

import io.kgsim.assignor.AssignorCall;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.ScenarioLoader;
import io.kgsim.sim.RunOptions;
import io.kgsim.sim.RunResult;
import io.kgsim.sim.ScenarioRun;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Runs scenarios in tests: strict invariants, every group event and assignor call recorded. */
public final class Runs {
    private Runs() {
    }

    public static Scenario parse(String yaml) {
        try {
            return ScenarioLoader.parse("test.yaml", new StringReader(yaml));
        } catch (ScenarioException e) {
            throw new AssertionError("test scenario does not load: " + e.getMessage(), e);
        }
    }

    public static Recorded run(String yaml) {
        return run(parse(yaml));
    }

    public static Recorded run(Scenario s) {
        List<GroupEvent> events = new ArrayList<>();
        List<AssignorCall> calls = new ArrayList<>();
        RunResult r = new ScenarioRun(s, RunOptions.strict().withListener(events::add).withAssignorCalls(calls::add)).run();
        return new Recorded(r, List.copyOf(events), List.copyOf(calls));
    }

    /** A finished run with everything it announced. */
    public record Recorded(RunResult result, List<GroupEvent> events, List<AssignorCall> calls) {
        public List<GroupEvent> of(GroupEventType type) {
            return filter(e -> e.type() == type);
        }

        public List<GroupEvent> filter(Predicate<GroupEvent> p) {
            List<GroupEvent> out = new ArrayList<>();
            for (GroupEvent e : events) {
                if (p.test(e)) {
                    out.add(e);
                }
            }
            return out;
        }

        public GroupEvent first(GroupEventType type, String member) {
            for (GroupEvent e : events) {
                if (e.type() == type && (member == null || member.equals(e.member()))) {
                    return e;
                }
            }
            throw new AssertionError("no " + type.traceName() + " event for " + member);
        }
    }
}
