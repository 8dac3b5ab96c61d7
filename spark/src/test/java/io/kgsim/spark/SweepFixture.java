package io.kgsim.spark;

import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.ScenarioLoader;
import io.kgsim.scenario.Strategies;
import io.kgsim.sim.ScenarioVariants;
import io.kgsim.stats.SeedList;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.sweep.SweepSource;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small sweep of the bundled crash scenario, built with the plan's public constructor (no sweep file, no loader). */
final class SweepFixture {
    static final Path CRASH = Path.of("..", "scenarios", "crash.yaml");

    private SweepFixture() {
    }

    /** Two strategies x {@code seeds} seeds at one point: runs 0..n-1 range, then cooperative-sticky. */
    static SweepPlan crashPlan(int seeds) throws IOException, ScenarioException {
        String text = Files.readString(CRASH);
        Scenario scenario = ScenarioLoader.parse("crash.yaml", new StringReader(text));
        List<String> strategies = List.of("range", "cooperative-sticky");
        List<Scenario> cells = new ArrayList<>();
        for (String s : strategies) {
            cells.add(ScenarioVariants.apply(scenario, null, Strategies.resolve(s)));
        }
        SweepSource source = new SweepSource("crash-sweep.yaml", "scenario: crash.yaml\n", "crash.yaml", text, String.valueOf(seeds),
                strategies, null);
        return new SweepPlan(source, "crash-sweep", List.of(), strategies, SeedList.parse(String.valueOf(seeds)), "unownedPartitionMs",
                cells);
    }
}
