package io.kgsim.cli;

import io.kgsim.batch.ParallelRuns;
import io.kgsim.engine.SimulationException;
import io.kgsim.report.Charts;
import io.kgsim.report.ComparisonJson;
import io.kgsim.report.HtmlReport;
import io.kgsim.report.OutputFailure;
import io.kgsim.report.OutputsFailedException;
import io.kgsim.report.RunArtifacts;
import io.kgsim.report.RunOutput;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.ScenarioLoader;
import io.kgsim.scenario.Strategy;
import io.kgsim.sim.RunResult;
import io.kgsim.sim.ScenarioVariants;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kgsim compare SCENARIO.yaml [--strategies a,b,c]}: the same scenario, seed and
 * workload once per strategy, in parallel, one simulation per thread. Every run is
 * independent, so the outputs are the same bytes whatever the number of threads.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Run a scenario once per strategy, print a ranking and write a comparison.",
        footer = {"", "Writes into DIR: comparison.json, report.html and the overlay charts compare-throughput, compare-lag, "
            + "compare-imbalance and compare-unowned (each as PNG and SVG); and each strategy's run, with every file "
            + "'kgsim run' writes, in DIR/<strategy>/.",
            "", "With --seeds: comparison.json with the statistics over the seeds (per strategy and figure, the paired tests, "
            + "the ranking, every run's figures), report.html and box plots box-<figure> (PNG and SVG); each run's outputs "
            + "only with --keep-runs, in DIR/runs/<strategy>/seed-<n>/."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO.yaml", description = "The scenario file.")
    Path scenario;

    @Option(names = "--strategies", paramLabel = "S", split = ",", completionCandidates = StrategyNames.class,
            description = "Strategies to compare (default: the scenario's compare list).")
    List<String> strategies;

    @Option(names = "--seed", paramLabel = "N", description = "Replace the scenario's seed.")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: out/<scenario-name>-compare/).")
    Path out;

    @Mixin
    ThreadsOption threads;

    @Mixin
    SeedsOption seeds;

    @Mixin
    TraceChoice trace;

    @Mixin
    UserClasspath classpath;

    @Spec
    CommandSpec spec;

    @Override
    @SuppressWarnings("try") // the installed classpath is used through its scope: closing restores the class loader
    public Integer call() throws IOException, InterruptedException {
        seeds.check(seed);
        try (UserClasspath.Installed cp = classpath.install()) {
            return compare();
        }
    }

    /** The command's steps: load and resolve the strategies, check the output directory, run them all, write, rank. */
    private Integer compare() throws IOException, InterruptedException {
        Console console = Console.of(spec);
        Lineup lineup;
        try {
            Scenario base = ScenarioVariants.apply(ScenarioLoader.load(scenario), seed, null);
            console.scenarioWarnings(base);
            lineup = lineup(base);
        } catch (ScenarioException e) {
            return console.badInput(e.getMessage());
        }
        Path dir = Outputs.directory(out, lineup.base().name() + "-compare");
        if (!Outputs.usable(dir, Outputs.option(out), console.err())) {
            return ExitCodes.BAD_INPUT;
        }
        if (seeds.value() != null) {
            return compareOverSeeds(lineup, dir, console);
        }
        int pool = ParallelRuns.threads(threads.value(), lineup.variants().size());
        printHeading(console.out(), lineup, pool);
        Optional<Runs> runs = runAll(lineup, dir, pool, console);
        if (runs.isEmpty()) {
            return ExitCodes.SIMULATION_FAILED;
        }
        writeComparison(lineup, runs.get(), dir);
        printRanking(console.out(), lineup.names(), runs.get().results(), dir);
        return runs.get().failed().isEmpty() ? ExitCodes.OK : console.outputsFailed(runs.get().failed());
    }

    /** {@code --seeds}: every strategy on every seed, statistics instead of each run's outputs. */
    private Integer compareOverSeeds(Lineup lineup, Path dir, Console console) throws IOException, InterruptedException {
        int pool = ParallelRuns.threads(threads.value(), lineup.variants().size() * seeds.value().size());
        console.out().printf("kgsim compare %s  seeds=%s  strategies=%s  threads=%d%n", lineup.base().name(), seeds.value().text(),
                String.join(",", lineup.names()), pool);
        console.out().flush();
        return new SeedRuns(scenario, lineup.names(), lineup.variants(), seeds.value(), dir, seeds.keepRuns, trace.options(),
                "comparison.json", true, classpath).execute(console, pool);
    }

    /**
     * The strategies to run, in the order given, each once, and a variant of the scenario for each.
     * Classic and consumer-protocol strategies run side by side; {@code skipped} stays empty
     * (it once listed the consumer protocol's, before it was simulated).
     */
    private record Lineup(Scenario base, List<String> names, List<Scenario> variants, List<String> skipped) {
    }

    private Lineup lineup(Scenario base) throws ScenarioException {
        boolean explicit = strategies != null && !strategies.isEmpty();
        List<String> wanted = explicit ? strategies : base.compare();
        if (wanted.isEmpty()) {
            throw new ScenarioException(null, "nothing to compare: give --strategies a,b,c or a 'compare' list in " + scenario);
        }
        List<String> names = new ArrayList<>();
        List<Scenario> variants = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String w : wanted) {
            String name = w.trim();
            Strategy st = StrategyNames.resolve(name, "--strategies");
            if (!names.contains(name)) {
                names.add(name);
                variants.add(ScenarioVariants.apply(base, null, st));
            }
        }
        return new Lineup(base, names, variants, skipped);
    }

    private static void printHeading(PrintWriter out, Lineup lineup, int pool) {
        out.printf("kgsim compare %s  seed=%d  strategies=%s  threads=%d%n", lineup.base().name(), lineup.base().seed(),
                String.join(",", lineup.names()), pool);
        for (String s : lineup.skipped()) {
            out.printf("  skipped %s%n", s);
        }
        out.flush();
    }

    /** Every strategy's run, in the lineup's order, and the outputs of them that could not be rendered. */
    private record Runs(List<RunResult> results, List<OutputFailure> failed) {
    }

    /**
     * Runs every strategy into {@code dir/<strategy>/}, one simulation per thread; empty when one
     * stopped on an error, which is then reported with the command that replays it.
     */
    private Optional<Runs> runAll(Lineup lineup, Path dir, int pool, Console console) throws IOException, InterruptedException {
        Progress progress = Progress.onTerminal(lineup.base().durationUs(), lineup.variants().size(), "strategies");
        try (ParallelRuns runs = new ParallelRuns(pool)) {
            List<Callable<RunResult>> tasks = new ArrayList<>();
            for (int i = 0; i < lineup.variants().size(); i++) {
                Scenario v = lineup.variants().get(i);
                Path sub = dir.resolve(directoryName(lineup.names().get(i)));
                RunArtifacts.ProgressSink sink = progress == null ? null : progress.run(i);
                tasks.add(() -> RunArtifacts.runAndWrite(v, sub, null, sink, trace.options()));
            }
            return awaitInOrder(runs.submitAll(tasks), lineup.names(), console);
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
    }

    private Optional<Runs> awaitInOrder(List<Future<RunResult>> futures, List<String> names, Console console)
            throws IOException, InterruptedException {
        Runs runs = new Runs(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < futures.size(); i++) {
            String name = names.get(i);
            try {
                runs.results().add(futures.get(i).get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof OutputsFailedException of) {
                    // The run and its data files are fine: compare it, and say what is missing.
                    runs.results().add(of.result());
                    of.failures().forEach(f -> runs.failed().add(new OutputFailure(name + "/" + f.output(), f.error())));
                } else if (cause instanceof SimulationException se) {
                    console.simulationFailed(name + ": ", se, scenario, name, classpath);
                    return Optional.empty();
                } else if (cause instanceof IOException io) {
                    throw io;
                } else {
                    throw new IllegalStateException(cause);
                }
            }
        }
        return Optional.of(runs);
    }

    /**
     * comparison.json, report.html and the overlay charts, at the top of {@code dir}; what fails
     * to render is added to the runs' failures.
     */
    private static void writeComparison(Lineup lineup, Runs runs, Path dir) throws IOException {
        Scenario base = lineup.base();
        List<String> names = lineup.names();
        List<RunResult> results = runs.results();
        List<OutputFailure> failed = runs.failed();
        try (RunOutput output = new RunOutput(dir.resolve("compare"))) {
            Path staging = output.file(".").getParent();
            Charts.writeComparison(names, results, staging, failed);
            Files.writeString(output.file("comparison.json"), ComparisonJson.toJson(base.name(), base.seed(), names, results, lineup.skipped()),
                    StandardCharsets.UTF_8);
            try {
                Files.writeString(output.file("report.html"), HtmlReport.forComparison(base, names, results, Charts.COMPARISON, staging),
                        StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                failed.add(new OutputFailure("comparison report.html", e));
            }
            output.commit();
        }
        moveUp(dir.resolve("compare"), dir);
    }

    /**
     * The comparison's own files sit at the top of the output directory, beside the strategies'
     * directories; {@link RunOutput} replaces a directory whole, so they were written one level down.
     */
    private static void moveUp(Path written, Path dir) throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(written)) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String f : files) {
            Files.move(written.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.delete(written);
    }

    /** A directory name for a strategy: the short name, or a class's simple name. */
    static String directoryName(String strategy) {
        return HtmlReport.strategyDirectory(strategy);
    }

    private static void printRanking(PrintWriter out, List<String> names, List<RunResult> runs, Path dir) {
        out.println();
        out.printf("  %-4s %-22s %14s %12s %12s %8s %10s %11s%n", "rank", "strategy", "unowned p-s", "duplicated", "max lag", "moves", "max/mean", "rebalances");
        for (ComparisonJson.Place p : ComparisonJson.ranking(runs)) {
            int i = p.run();
            RunResult r = runs.get(i);
            out.printf(Locale.ROOT, "  %-4d %-22s %14.1f %,12d %,12d %8d %10s %11d%n", p.rank(), names.get(i), r.unownedPartitionUs() / 1e6,
                    r.recordsDuplicated(), r.maxLag(), r.partitionMovements(),
                    Double.isNaN(r.maxOverMeanLoad()) ? "-" : String.format(Locale.ROOT, "%.3f", r.maxOverMeanLoad()), r.rebalances());
        }
        out.printf("%n  wrote %s, %s and overlay charts; each strategy's run in %s/<strategy>/%n",
                dir.resolve("comparison.json"), dir.resolve("report.html"), dir);
        out.flush();
    }
}
