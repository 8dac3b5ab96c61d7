package io.kgsim.replay.compare;

import io.kgsim.replay.record.Recording;
import io.kgsim.report.Versions;
import io.kgsim.scenario.GroupSpec;
import io.kgsim.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A replay's outcome: the real run and the simulation of the same scenario, measured step by step
 * with the same code ({@link StepMeter}) and compared ({@link StepComparison}).
 *
 * @param strategy     the groups' strategies (one name when they all use the same)
 * @param kafkaVersion the Kafka client version on both sides (the simulation's assignors and the
 *                     real consumers come from the same kafka-clients jar)
 * @param memberIds    {@code group/member} -> the member ids the real run got, which the simulation used
 * @param topicIds     scenario topic -> the topic id the real run's topic got, which the simulation used
 * @param groups       one per scenario group, in the scenario's order
 */
public record ReplayComparison(String scenario, String strategy, long seed, String kafkaVersion,
                               SortedMap<String, List<String>> memberIds, SortedMap<String, String> topicIds, List<GroupSteps> groups) {

    /** One group's steps. */
    public record GroupSteps(String group, String strategy, String protocol, List<StepComparison> steps) {
        public GroupSteps {
            steps = List.copyOf(steps);
        }

        public boolean passed() {
            return steps.stream().allMatch(StepComparison::passed);
        }
    }

    public ReplayComparison {
        groups = List.copyOf(groups);
    }

    /** Measures both recordings of {@code s} (the scenario as replayed: strategy applied) and compares them. */
    public static ReplayComparison of(Scenario s, Recording real, Recording simulated) {
        Map<String, List<StepMetrics>> r = StepMeter.measure(s, real);
        Map<String, List<StepMetrics>> m = StepMeter.measure(s, simulated);
        List<Step> steps = Step.of(s);
        List<GroupSteps> groups = new ArrayList<>();
        LinkedHashSet<String> strategies = new LinkedHashSet<>();
        for (GroupSpec g : s.groups()) {
            List<StepComparison> compared = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                compared.add(StepComparison.of(steps.get(i), r.get(g.groupId()).get(i), m.get(g.groupId()).get(i)));
            }
            strategies.add(g.config().strategyNames());
            groups.add(new GroupSteps(g.groupId(), g.config().strategyNames(), g.config().protocol().configValue(), compared));
        }
        return new ReplayComparison(s.name(), String.join(",", strategies), s.seed(), Versions.kafkaClients(), new TreeMap<>(real.memberIds()),
                new TreeMap<>(real.topicIds()), groups);
    }

    /** Every check of every step of every group passed. */
    public boolean passed() {
        return groups.stream().allMatch(GroupSteps::passed);
    }

    /** Failed checks over all groups and steps. */
    public int failedChecks() {
        return groups.stream().flatMap(g -> g.steps().stream()).mapToInt(StepComparison::failedChecks).sum();
    }
}
