package io.kgsim.sweep;

import io.kgsim.scenario.Scenario;
import io.kgsim.stats.SeedList;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep, validated and expanded: the grid of points (every combination of the axes' values),
 * the strategies and the seeds, and for each point and strategy the scenario to run. Built only
 * from a {@link SweepSource}, so every process that builds it from the same source holds the
 * same plan, and a run is named by its number alone.
 */
public final class SweepPlan {
    private final SweepSource source;
    private final String name;
    private final List<Axis> axes;
    private final List<SweepPoint> points;
    private final List<String> strategies;
    private final SeedList seeds;
    private final String metric;
    /** Point by point, strategy by strategy: the scenario of that cell, at its own seed. */
    private final List<Scenario> scenarios;

    /**
     * @param scenarios per point, then per strategy (point-major), each already validated
     * @param metric the figure the charts show by default ({@link io.kgsim.stats.RunFigures#METRICS})
     */
    public SweepPlan(SweepSource source, String name, List<Axis> axes, List<String> strategies, SeedList seeds, String metric,
            List<Scenario> scenarios) {
        this.source = source;
        this.name = name;
        this.axes = List.copyOf(axes);
        this.points = grid(this.axes);
        this.strategies = List.copyOf(strategies);
        this.seeds = seeds;
        this.metric = metric;
        this.scenarios = List.copyOf(scenarios);
        if (scenarios.size() != points.size() * strategies.size()) {
            throw new IllegalArgumentException("expected " + points.size() * strategies.size() + " scenarios, got " + scenarios.size());
        }
        if (seeds.size() == 0 || strategies.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one strategy and one seed");
        }
    }

    /** Every combination of the axes' values, the first axis slowest; one empty point without axes. */
    private static List<SweepPoint> grid(List<Axis> axes) {
        List<List<String>> combos = new ArrayList<>();
        combos.add(List.of());
        for (Axis a : axes) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> c : combos) {
                for (String v : a.values()) {
                    List<String> longer = new ArrayList<>(c);
                    longer.add(v);
                    next.add(longer);
                }
            }
            combos = next;
        }
        List<SweepPoint> out = new ArrayList<>();
        for (int i = 0; i < combos.size(); i++) {
            out.add(new SweepPoint(i, combos.get(i)));
        }
        return List.copyOf(out);
    }

    public SweepSource source() {
        return source;
    }

    /** The sweep's name: titles the report and names the default output directory. */
    public String name() {
        return name;
    }

    public List<Axis> axes() {
        return axes;
    }

    public List<SweepPoint> points() {
        return points;
    }

    /** The strategies as the user named them. */
    public List<String> strategies() {
        return strategies;
    }

    public SeedList seeds() {
        return seeds;
    }

    public String metric() {
        return metric;
    }

    /** How many runs: points x strategies x seeds. */
    public long runs() {
        return (long) points.size() * strategies.size() * seeds.size();
    }

    /** How many runs each point has: strategies x seeds. */
    public int runsPerPoint() {
        return strategies.size() * seeds.size();
    }

    /** The run numbered {@code index} (see {@link SweepRun}). */
    public SweepRun run(long index) {
        if (index < 0 || index >= runs()) {
            throw new IndexOutOfBoundsException("no run " + index + " in a sweep of " + runs());
        }
        int perPoint = runsPerPoint();
        int point = (int) (index / perPoint);
        int within = (int) (index % perPoint);
        int strategy = within / seeds.size();
        long seed = seeds.seeds().get(within % seeds.size());
        return new SweepRun(index, point, strategy, seed);
    }

    /** The scenario {@code run} simulates: its point's values, its strategy, its seed. */
    public Scenario scenario(SweepRun run) {
        return scenarios.get(run.point() * strategies.size() + run.strategy()).withSeed(run.seed());
    }
}
