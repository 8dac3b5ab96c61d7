package io.kgsim.testing;

import io.kgsim.scenario.Location;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.ScenarioLoader;
import io.kgsim.scenario.Strategies;
import io.kgsim.sim.ScenarioVariants;
import io.kgsim.stats.SeedList;
import io.kgsim.sweep.Axis;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.sweep.SweepSource;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Small sweeps built by hand, without the sweep file loader: one axis, whose values replace
 * {@code ${value}} in a scenario text, crossed with strategies and seeds. The source's texts
 * name everything that decides the runs, so two plans from the same arguments have the same
 * identity and any other argument gives another.
 */
public final class SweepPlans {
    /** Three members, one crashing and coming back, seeded latencies: a few rebalances in 20 s of virtual time, each seed its own figures. */
    public static final String SCENARIO = """
            name: tiny
            seed: 1
            duration: 20s
            network:
              latency: lognormal(1ms, 0.3)
            topics:
              - name: t
                partitions: 6
                produce:
                  rate: 300/s
                  skew: zipf(1.0)
            groups:
              - group.id: g
                subscription: [t]
                consumers: 3
                processing:
                  per.record: lognormal(1ms, 0.4)
                config:
                  auto.offset.reset: earliest
                  session.timeout.ms: ${value}
            timeline:
              - at: 5s
                crash: g/c2
              - at: 12s
                start: g/c2
            """;

    public static final String PATH = "groups[g].config.session.timeout.ms";

    private SweepPlans() {
    }

    /**
     * The files of {@link #tiny}: {@code tiny.yaml} (the scenario) and {@code tiny-sweep.yaml}
     * (its session timeouts of 6 s and 10 s, {@code strategies}, {@code seeds}) in {@code dir};
     * returns the sweep file, which the sweep file loader reads into the plan {@link #tiny} builds.
     */
    public static java.nio.file.Path files(java.nio.file.Path dir, List<String> strategies, String seeds) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("tiny.yaml"), SCENARIO.replace("${value}", "6000"));
        java.nio.file.Path sweep = dir.resolve("tiny-sweep.yaml");
        java.nio.file.Files.writeString(sweep, "name: tiny\nscenario: tiny.yaml\nstrategies: [" + String.join(", ", strategies) + "]\nseeds: "
                + seeds + "\nvary:\n  " + PATH + ": [6000, 10000]\n");
        return sweep;
    }

    /** {@link #SCENARIO} at session timeouts of 6 s and 10 s, with {@code strategies} on {@code seeds}. */
    public static SweepPlan tiny(List<String> strategies, String seeds) throws ScenarioException {
        return plan(SCENARIO, List.of("6000", "10000"), strategies, seeds);
    }

    public static SweepPlan plan(String scenario, List<String> values, List<String> strategies, String seeds) throws ScenarioException {
        List<Scenario> cells = new ArrayList<>();
        for (String v : values) {
            Scenario s = ScenarioLoader.parse("tiny.yaml", new StringReader(scenario.replace("${value}", v)));
            for (String strategy : strategies) {
                cells.add(ScenarioVariants.apply(s, null, Strategies.resolve(strategy)));
            }
        }
        double[] numeric = values.stream().mapToDouble(Double::parseDouble).toArray();
        Axis axis = new Axis(PATH, values, numeric, new Location("sweep.yaml", 3, 3));
        String sweepText = "vary: {" + PATH + ": " + values + "}\nstrategies: " + strategies + "\nseeds: " + seeds + "\n";
        SweepSource source = new SweepSource("sweep.yaml", sweepText, "tiny.yaml", scenario, null, null, null);
        return new SweepPlan(source, "tiny", List.of(axis), strategies, SeedList.parse(seeds), "unownedPartitionMs", cells);
    }
}
