package io.kgsim.bench;

import io.kgsim.engine.Durations;
import io.kgsim.report.RunArtifacts;
import io.kgsim.scenario.GroupSpec;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioLoader;
import io.kgsim.scenario.Strategies;
import io.kgsim.scenario.Strategy;
import io.kgsim.sim.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Whole runs as {@code kgsim run} does them (every output file and chart written), timed from
 * outside: virtual seconds simulated per wall second, and the share of the wall time spent inside
 * the real assignors' {@code assign} calls. The built-in classic strategies are swapped for their
 * {@link TimedAssignors} twins (same classes underneath, same protocol, same assignments), so the
 * simulator never reads a clock.
 *
 * <pre>
 * java -XX:+UseParallelGC -XX:+UseTransparentHugePages -cp benchmarks/target/benchmarks.jar \
 *     io.kgsim.bench.WholeRun scenarios/*.yaml benchmarks/scenarios/hour-1000-consumers.yaml
 * </pre>
 *
 * Each scenario runs once in a fresh state of the same JVM, in the order given (a cold first run
 * includes JIT compilation, as {@code kgsim run} does). Prints one Markdown table row per run.
 */
public final class WholeRun {
    private WholeRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: WholeRun SCENARIO.yaml...");
            System.exit(2);
        }
        System.out.println("| scenario | virtual time | events | rebalances | wall, all outputs | of it simulating | virtual s per wall s"
                + " | assignor calls | inside assignors | simulator's own share |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String a : args) {
            System.out.println(row(ScenarioLoader.load(Path.of(a))));
        }
    }

    private static String row(Scenario loaded) throws IOException {
        Scenario scenario = timed(loaded);
        boolean timed = scenario != loaded;
        Path dir = Files.createTempDirectory("kgsim-wholerun");
        TimedAssignors.reset();
        long[] simulatedAt = {0};
        long start = System.nanoTime();
        // The progress sink's last call comes as the simulation ends, before any file is written.
        RunResult r = RunArtifacts.runAndWrite(scenario, dir.resolve("out"), null, (dUs, dEvents) -> simulatedAt[0] = System.nanoTime());
        long end = System.nanoTime();
        deleteTree(dir);
        double wall = (end - start) / 1e9;
        double simulating = (simulatedAt[0] - start) / 1e9;
        double virtual = r.virtualDurationUs() / 1e6;
        double inAssignors = TimedAssignors.nanos() / 1e9;
        long rebalances = r.groups().stream().mapToLong(g -> g.rebalances()).sum();
        return String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %.2f s | %.2f s | %,.0f | %s | %s | %s |",
                loaded.name(), Durations.format(r.virtualDurationUs()), r.events(), rebalances, wall, simulating,
                virtual / wall,
                timed ? String.format(Locale.ROOT, "%,d", TimedAssignors.calls()) : "n/a",
                timed ? String.format(Locale.ROOT, "%.2f s (%.1f %%)", inAssignors, 100 * inAssignors / wall) : "n/a",
                timed ? String.format(Locale.ROOT, "%.1f %%", 100 * (wall - inAssignors) / wall) : "n/a");
    }

    /** The scenario with every group's built-in classic strategy swapped for its timed twin. */
    private static Scenario timed(Scenario s) {
        List<GroupSpec> groups = new ArrayList<>();
        boolean all = true;
        for (GroupSpec g : s.groups()) {
            List<Strategy> strategies = g.config().strategies();
            String twin = strategies.size() == 1 ? TimedAssignors.twinOf(strategies.get(0).name()) : null;
            if (twin == null) {
                all = false;
                groups.add(g);
                continue;
            }
            groups.add(g.withConfig(g.config().withStrategy(Strategies.resolve(twin))));
        }
        return all ? s.withGroups(List.copyOf(groups)) : s;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
