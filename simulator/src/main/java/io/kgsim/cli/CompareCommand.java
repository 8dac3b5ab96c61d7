package io.kgsim.cli;

import io.kgsim.assignor.GroupProtocol;
import io.kgsim.assignor.Strategies;
import io.kgsim.assignor.Strategy;
import io.kgsim.engine.SimulationException;
import io.kgsim.report.Charts;
import io.kgsim.report.ComparisonJson;
import io.kgsim.report.HtmlReport;
import io.kgsim.report.RunArtifacts;
import io.kgsim.report.RunOutput;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.ScenarioLoader;
import io.kgsim.sim.RunResult;
import io.kgsim.sim.ScenarioVariants;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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
            + "'kgsim run' writes, in DIR/<strategy>/."})
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
    TraceChoice trace;

    @Mixin
    UserClasspath classpath;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        try (UserClasspath.Installed cp = classpath.install()) {
            return compare();
        }
    }

    private Integer compare() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Scenario base;
        List<String> names = new ArrayList<>();
        List<Scenario> variants = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try {
            base = ScenarioVariants.apply(ScenarioLoader.load(scenario), seed, null);
            base.warnings().forEach(w -> err.println("kgsim: warning: " + w));
            boolean explicit = strategies != null && !strategies.isEmpty();
            List<String> wanted = explicit ? strategies : base.compare();
            if (wanted.isEmpty()) {
                throw new ScenarioException(null, "nothing to compare: give --strategies a,b,c or a 'compare' list in " + scenario);
            }
            for (String w : wanted) {
                String name = w.trim();
                Strategy st;
                try {
                    st = Strategies.resolve(name);
                } catch (IllegalArgumentException e) {
                    throw new ScenarioException(null, "--strategies: " + e.getMessage());
                }
                if (st.protocol() == GroupProtocol.CONSUMER) {
                    if (explicit) {
                        throw new ScenarioException(null, "--strategies " + name + ": the consumer protocol (KIP-848) is not simulated yet");
                    }
                    skipped.add(name + " (the consumer protocol is not simulated yet)");
                    continue;
                }
                if (names.contains(name)) {
                    continue;
                }
                names.add(name);
                variants.add(ScenarioVariants.apply(base, null, st));
            }
        } catch (ScenarioException e) {
            err.println("kgsim: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        Path dir = out != null ? out : Outputs.DEFAULT_ROOT.resolve(base.name() + "-compare");
        if (!Outputs.usable(dir, out != null ? "--out" : "the default output directory", err)) {
            return ExitCodes.BAD_INPUT;
        }
        int pool = ParallelRuns.threads(threads.value(), variants.size());
        stdout.printf("kgsim compare %s  seed=%d  strategies=%s  threads=%d%n", base.name(), base.seed(), String.join(",", names), pool);
        for (String s : skipped) {
            stdout.printf("  skipped %s%n", s);
        }
        stdout.flush();
        List<RunResult> results = new ArrayList<>();
        List<io.kgsim.report.OutputFailure> failed = new ArrayList<>();
        Progress progress = Progress.onTerminal(base.durationUs(), variants.size(), "strategies");
        try (ParallelRuns runs = new ParallelRuns(pool)) {
            List<Callable<RunResult>> tasks = new ArrayList<>();
            for (int i = 0; i < variants.size(); i++) {
                Scenario v = variants.get(i);
                Path sub = dir.resolve(directoryName(names.get(i)));
                RunArtifacts.ProgressSink sink = progress == null ? null : progress.run(i);
                tasks.add(() -> RunArtifacts.runAndWrite(v, sub, null, sink, trace.options()));
            }
            List<Future<RunResult>> futures = runs.submitAll(tasks);
            for (int i = 0; i < futures.size(); i++) {
                int index = i;
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof io.kgsim.report.OutputsFailedException of) {
                        // The run and its data files are fine: compare it, and say what is missing.
                        results.add(of.result());
                        of.failures().forEach(f -> failed.add(new io.kgsim.report.OutputFailure(names.get(index) + "/" + f.output(), f.error())));
                        continue;
                    }
                    if (cause instanceof SimulationException se) {
                        err.println("kgsim: " + names.get(i) + ": " + se.getMessage());
                        err.println("kgsim: replay with: kgsim run " + scenario + " --seed " + se.seed() + " --strategy " + names.get(i)
                                + classpath.replayArguments());
                        return ExitCodes.SIMULATION_FAILED;
                    }
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
        try (RunOutput output = new RunOutput(dir.resolve("compare"))) {
            Path staging = output.file(".").getParent();
            Charts.writeComparison(names, results, staging, failed);
            Files.writeString(output.file("comparison.json"), ComparisonJson.toJson(base.name(), base.seed(), names, results, skipped), StandardCharsets.UTF_8);
            try {
                Files.writeString(output.file("report.html"), HtmlReport.forComparison(base, names, results, Charts.COMPARISON, staging), StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                failed.add(new io.kgsim.report.OutputFailure("comparison report.html", e));
            }
            output.commit();
        }
        // The comparison's own files sit at the top of the output directory.
        for (String f : Files.list(dir.resolve("compare")).map(p -> p.getFileName().toString()).sorted().toList()) {
            Files.move(dir.resolve("compare").resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.delete(dir.resolve("compare"));
        printRanking(stdout, names, results, dir);
        if (!failed.isEmpty()) {
            RunCommand.reportFailures(err, failed);
            return ExitCodes.OUTPUT_FAILED;
        }
        return ExitCodes.OK;
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
