package io.kgsim.sim;

import io.kgsim.scenario.GroupSpec;
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
                groups.add(new GroupSpec(g.groupId(), g.subscription(), g.consumers(), g.staticMembership(), g.racks(),
                        g.processingPerRecord(), g.commitMode(), g.config().withStrategy(strategy)));
            }
            out = out.withGroups(List.copyOf(groups));
        }
        return out;
    }
}
