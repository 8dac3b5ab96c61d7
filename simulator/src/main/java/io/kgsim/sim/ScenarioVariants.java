package io.kgsim.sim;

import io.kgsim.scenario.GroupSpec;
import io.kgsim.scenario.MemberIdFormat;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.Strategy;
import java.util.ArrayList;
import java.util.List;

/** The command-line overrides: {@code --seed} and {@code --strategy}. */
public final class ScenarioVariants {
    private ScenarioVariants() {
    }

    public static Scenario apply(Scenario s, Long seed, Strategy strategy) throws ScenarioException {
        Scenario out = seed == null ? s : s.withSeed(seed);
        if (strategy != null) {
            List<GroupSpec> groups = new ArrayList<>();
            for (GroupSpec g : out.groups()) {
                GroupSpec changed = g.withConfig(g.config().withStrategy(strategy));
                // Another protocol may refuse the fixed member ids (a classic id is the coordinator's).
                MemberIdFormat.check(changed, "strategy " + strategy.name());
                groups.add(changed);
            }
            out = out.withGroups(List.copyOf(groups));
        }
        return out;
    }
}
