package io.kgsim.report;

import io.kgsim.scenario.Location;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioLoader;
import io.kgsim.scenario.Values;
import io.kgsim.stats.RunFigures;
import io.kgsim.stats.SeedList;
import io.kgsim.stats.SeedStatistics;
import io.kgsim.sweep.Axis;
import io.kgsim.sweep.PointStatistics;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.sweep.SweepPoint;
import io.kgsim.sweep.SweepSource;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Sweeps built by hand for the report's tests: a tiny scenario, axes, and figures chosen per point, strategy and seed. */
final class SweepFixture {
    static final String SCENARIO = """
            name: tiny
            duration: 10s
            topics:
              - name: t
                partitions: 2
            groups:
              - group.id: g
                subscription: [t]
                consumers: 1
            """;

    /** The figure of one run: the value of {@code metric} (NaN: undefined), given point, strategy and seed. */
    @FunctionalInterface
    interface Figure {
        double value(int point, int strategy, long seed);
    }

    private SweepFixture() {
    }

    static Axis numeric(String path, String... values) {
        double[] n = Arrays.stream(values).mapToDouble(v -> v.matches(Values.DURATION_REGEX) ? Values.duration(v) / 1000.0 : Double.parseDouble(v)).toArray();
        return new Axis(path, List.of(values), n, new Location("sweep.yaml", 5, 3));
    }

    static Axis category(String path, String... values) {
        return new Axis(path, List.of(values), null, new Location("sweep.yaml", 6, 3));
    }

    static SweepPlan plan(String name, List<Axis> axes, List<String> strategies, String seeds, String metric) throws Exception {
        Scenario s = ScenarioLoader.parse("tiny.yaml", new StringReader(SCENARIO));
        int points = axes.stream().mapToInt(a -> a.values().size()).reduce(1, (x, y) -> x * y);
        SweepSource source = new SweepSource("sweep.yaml", "", "tiny.yaml", SCENARIO, null, null, null);
        return new SweepPlan(source, name, axes, strategies, SeedList.parse(seeds), metric,
                Collections.nCopies(points * strategies.size(), s));
    }

    /**
     * Every point's statistics, {@code metric} from {@code f} and every other figure 1; a run
     * whose value is NaN on every figure counts as failed, as a failed run's figures are.
     */
    static List<PointStatistics> stats(SweepPlan plan, String metric, Figure f, boolean nanIsFailed) {
        int m = RunFigures.index(metric);
        List<PointStatistics> out = new ArrayList<>();
        for (SweepPoint p : plan.points()) {
            List<RunFigures> runs = new ArrayList<>();
            int[] failed = new int[plan.strategies().size()];
            for (int s = 0; s < plan.strategies().size(); s++) {
                for (long seed : plan.seeds().seeds()) {
                    double v = f.value(p.index(), s, seed);
                    double[] values = new double[RunFigures.METRICS.size()];
                    Arrays.fill(values, Double.isNaN(v) && nanIsFailed ? Double.NaN : 1.0);
                    values[m] = v;
                    failed[s] += Double.isNaN(v) && nanIsFailed ? 1 : 0;
                    runs.add(new RunFigures(seed, plan.strategies().get(s), values));
                }
            }
            out.add(new PointStatistics(p, SeedStatistics.of(plan.strategies(), plan.seeds().seeds(), runs), failed));
        }
        return out;
    }
}
