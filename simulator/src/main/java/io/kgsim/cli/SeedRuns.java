package io.kgsim.cli;

import io.kgsim.batch.ParallelRuns;
import io.kgsim.engine.SimulationException;
import io.kgsim.report.BoxCharts;
import io.kgsim.report.HtmlReport;
import io.kgsim.report.OutputFailure;
import io.kgsim.report.OutputsFailedException;
import io.kgsim.report.RunArtifacts;
import io.kgsim.report.RunOutput;
import io.kgsim.report.SeedComparisonJson;
import io.kgsim.report.SeedReport;
import io.kgsim.report.TraceOptions;
import io.kgsim.scenario.Scenario;
import io.kgsim.sim.RunResult;
import io.kgsim.stats.RunFigures;
import io.kgsim.stats.SeedList;
import io.kgsim.stats.SeedStatistics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * {@code run --seeds} and {@code compare --seeds}: every strategy on every seed, one simulation
 * per thread, keeping of each run only its figures (its full outputs too with
 * {@code --keep-runs}), then the statistics, their JSON, box plots and report. Runs are
 * submitted and read in a fixed order (seed by seed, strategies in the order given), so the
 * files are the same bytes whatever the number of threads.
 *
 * @param names the strategies as the user named them; {@code variants} the scenario for each
 * @param jsonName {@code comparison.json} or {@code statistics.json}
 * @param strategyOption whether the names are strategies to give {@code --strategy} to replay a run
 *        (false for {@code run --seeds} without {@code --strategy}: the scenario's own)
 */
record SeedRuns(Path scenarioFile, List<String> names, List<Scenario> variants, SeedList seeds, Path dir, boolean keepRuns,
        TraceOptions trace, String jsonName, boolean strategyOption, UserClasspath classpath) {

    /** One run's figures, and what of its kept outputs could not be rendered. */
    private record Done(RunFigures figures, List<OutputFailure> failed) {
    }

    /** Runs everything and writes; returns the exit code. */
    int execute(Console console, int pool) throws IOException, InterruptedException {
        Scenario base = variants.get(0);
        List<OutputFailure> failed = new ArrayList<>();
        List<RunFigures> runs = runAll(console, pool, failed);
        if (runs == null) {
            return ExitCodes.SIMULATION_FAILED;
        }
        SeedStatistics stats = SeedStatistics.of(names, seeds.seeds(), runs);
        write(base, stats, runs, failed);
        SeedTable.print(console.out(), stats);
        console.wrote(dir.resolve(jsonName));
        console.wrote(dir.resolve("report.html"));
        console.out().printf("  box plots box-<figure>.svg and .png%s%n", keepRuns ? "; each run's outputs in " + dir.resolve("runs") + "/<strategy>/seed-<n>/" : "");
        console.out().flush();
        if (!failed.isEmpty()) {
            return console.outputsFailed(failed);
        }
        return violations(console, runs) ? ExitCodes.INVARIANT_VIOLATED : ExitCodes.OK;
    }

    /** Every run's figures in submission order, or null when one stopped on an error (then reported). */
    private List<RunFigures> runAll(Console console, int pool, List<OutputFailure> failed) throws IOException, InterruptedException {
        int total = seeds.size() * names.size();
        Progress progress = Progress.onTerminal(variants.get(0).durationUs(), total, "runs");
        List<String> labels = new ArrayList<>();
        try (ParallelRuns parallel = new ParallelRuns(pool)) {
            List<Callable<Done>> tasks = new ArrayList<>();
            for (long seed : seeds.seeds()) {
                for (int i = 0; i < names.size(); i++) {
                    RunArtifacts.ProgressSink sink = progress == null ? null : progress.run(tasks.size());
                    tasks.add(task(names.get(i), variants.get(i).withSeed(seed), sink));
                    labels.add(names.get(i) + " seed " + seed);
                }
            }
            List<Future<Done>> futures = parallel.submitAll(tasks);
            List<RunFigures> runs = new ArrayList<>();
            for (int k = 0; k < futures.size(); k++) {
                try {
                    Done d = futures.get(k).get();
                    runs.add(d.figures());
                    failed.addAll(d.failed());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof SimulationException se) {
                        String strategy = strategyOption ? names.get(k % names.size()) : null;
                        console.simulationFailed(labels.get(k) + ": ", se, scenarioFile, strategy, classpath);
                        return null;
                    }
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            return runs;
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
    }

    private Callable<Done> task(String name, Scenario v, RunArtifacts.ProgressSink sink) {
        return () -> {
            if (!keepRuns) {
                // Only the figures leave the task: the run's time series and ledgers are garbage at once.
                return new Done(RunFigures.of(v.seed(), name, RunArtifacts.simulate(v, sink)), List.of());
            }
            String where = "runs/" + HtmlReport.strategyDirectory(name) + "/seed-" + v.seed();
            try {
                RunResult r = RunArtifacts.runAndWrite(v, dir.resolve(where), null, sink, trace);
                return new Done(RunFigures.of(v.seed(), name, r), List.of());
            } catch (OutputsFailedException e) {
                List<OutputFailure> f = e.failures().stream().map(x -> new OutputFailure(where + "/" + x.output(), x.error())).toList();
                return new Done(RunFigures.of(v.seed(), name, e.result()), f);
            }
        };
    }

    /** The JSON, the box plots and report.html, staged and moved into {@code dir} together. */
    private void write(Scenario base, SeedStatistics stats, List<RunFigures> runs, List<OutputFailure> failed) throws IOException {
        try (RunOutput output = new RunOutput(dir)) {
            Path staging = output.file(".").getParent();
            Files.writeString(output.file(jsonName), SeedComparisonJson.toJson(base.name(), stats, runs), StandardCharsets.UTF_8);
            List<String> charts = BoxCharts.write(stats, runs, staging, failed);
            try {
                Files.writeString(output.file("report.html"), SeedReport.html(base, seeds, stats, charts, staging, failed), StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                failed.add(new OutputFailure("report.html", e));
            }
            output.commit();
        }
    }

    /** Runs that broke an invariant, named on stderr so each can be replayed with --seed. */
    private boolean violations(Console console, List<RunFigures> runs) {
        int index = RunFigures.index("invariantViolations");
        boolean any = false;
        for (RunFigures r : runs) {
            if (r.value(index) > 0) {
                any = true;
                console.error(String.format(java.util.Locale.ROOT, "%s seed %d broke %d invariants: replay with kgsim run %s --seed %d%s%s",
                        r.strategy(), r.seed(), (long) r.value(index), scenarioFile, r.seed(),
                        strategyOption ? " --strategy " + r.strategy() : "", classpath.replayArguments()));
            }
        }
        return any;
    }
}
