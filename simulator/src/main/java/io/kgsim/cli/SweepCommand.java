package io.kgsim.cli;

import io.kgsim.batch.LocalEngine;
import io.kgsim.batch.ParallelRuns;
import io.kgsim.batch.SweepEngine;
import io.kgsim.batch.SweepEngines;
import io.kgsim.batch.SweepJob;
import io.kgsim.batch.SweepRefusedException;
import io.kgsim.report.OutputFailure;
import io.kgsim.report.TraceOptions;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.stats.RunFigures;
import io.kgsim.stats.SeedList;
import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepLoader;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.sweep.SweepRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kgsim sweep SWEEP.yaml}: every point of a sweep's grid, crossed with its strategies and
 * seeds, on every core (or another engine), into runs.csv, cells.csv, charts and report.html.
 * Everything the user gave is checked before the first run; a run that fails is recorded and the
 * sweep goes on; an interrupted sweep goes on with {@code --resume}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Run a parameter sweep: every combination of the sweep file's values, crossed with strategies and seeds.",
        footer = {"", "Writes into DIR: runs.csv (one row per run), cells.csv (per point, strategy and figure: the statistics "
            + "over the seeds), charts of the metric and report.html; with --keep-runs each run's outputs in "
            + "DIR/runs/<point>/<strategy>/seed-<n>/. While it runs, DIR/.kgsim-sweep/ journals the finished runs: an "
            + "interrupted sweep goes on with --resume.",
            "", "Exit codes: 0 every run ok, 2 bad input (nothing run), 3 a run failed (recorded in runs.csv; the sweep went on), "
            + "4 a run broke an invariant, 5 a chart or report.html failed to render."})
final class SweepCommand implements Callable<Integer> {
    /** How many failed (or invariant-breaking) runs are named on stderr; the rest are counted. */
    static final int NAMED = 10;

    @Parameters(index = "0", paramLabel = "SWEEP.yaml", description = "The sweep file.")
    Path sweepFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: out/<sweep-name>-sweep/).")
    Path out;

    private String seeds;

    @Option(names = "--seeds", paramLabel = "SEEDS", description = "Replace the sweep's seeds: N (seeds 1..N), a range A..B, or a list a,b,c.")
    void seeds(String text) {
        try {
            SeedList.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--seeds: " + e.getMessage());
        }
        seeds = text;
    }

    @Option(names = "--strategies", paramLabel = "S", split = ",", completionCandidates = StrategyNames.class,
            description = "Replace the sweep's strategies.")
    List<String> strategies;

    private String metric;

    @Option(names = "--metric", paramLabel = "NAME", completionCandidates = MetricNames.class,
            description = "The figure the charts show (default: the sweep file's, else unownedPartitionMs); cells.csv has them all.")
    void metric(String name) {
        if (RunFigures.METRICS.stream().noneMatch(m -> m.name().equals(name))) {
            throw new ParameterException(spec.commandLine(), "--metric: no figure called '" + name + "'; one of " + String.join(", ", new MetricNames()));
        }
        metric = name;
    }

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "local", completionCandidates = EngineNames.class,
            description = "What runs the runs: local (this JVM's threads, the default) or spark (the spark module, local[*] or a cluster).")
    String engine;

    @Option(names = "--keep-runs", description = "Also write each run's full outputs, into DIR/runs/<point>/<strategy>/seed-<n>/ (local engine).")
    boolean keepRuns;

    @Option(names = "--resume", description = "Go on with the interrupted sweep in DIR: finished runs are kept, not run again.")
    boolean resume;

    @Mixin
    ThreadsOption threads;

    @Mixin
    UserClasspath classpath;

    @Spec
    CommandSpec spec;

    @Override
    @SuppressWarnings("try") // the installed classpath is used through its scope: closing restores the class loader
    public Integer call() throws IOException, InterruptedException {
        try (UserClasspath.Installed cp = classpath.install()) {
            return sweep(Console.of(spec));
        }
    }

    /** Checks everything, then runs what is left of the sweep and reports. */
    private Integer sweep(Console console) throws IOException, InterruptedException {
        Optional<SweepEngine> found = SweepEngines.find(engine);
        if (found.isEmpty()) {
            return console.badInput(missingEngine(engine));
        }
        if (keepRuns && !(found.get() instanceof LocalEngine)) {
            return console.badInput("--keep-runs writes each run's files on this machine, which only the local engine does: "
                    + "drop --keep-runs, or run with --engine local");
        }
        SweepPlan plan;
        try {
            plan = SweepLoader.load(sweepFile, seeds, strategies, metric);
        } catch (ScenarioException e) {
            return console.badInput(e.getMessage());
        }
        Path dir = Outputs.directory(out, plan.name() + "-sweep");
        if (!Outputs.usable(dir, Outputs.option(out), console.err())) {
            return ExitCodes.BAD_INPUT;
        }
        SweepProgress progress = SweepProgress.onTerminal();
        SweepJob job;
        try {
            job = SweepJob.open(plan, dir, new SweepJob.Options(found.get(), threads.value(), resume, keepRuns, TraceOptions.FULL, progress));
        } catch (SweepRefusedException e) {
            return console.badInput(e.getMessage());
        }
        printHeading(console, plan, job, dir);
        return report(console, plan, dir, run(job, progress, dir, console));
    }

    /** Runs the job; Ctrl-C prints how far it got and how to go on. */
    private static SweepJob.Result run(SweepJob job, SweepProgress progress, Path dir, Console console) throws IOException, InterruptedException {
        Thread interrupted = new Thread(() -> {
            progress.finish();
            console.error("interrupted after " + progress.done() + " of " + progress.total() + " runs, journaled in "
                    + dir.resolve(".kgsim-sweep") + ": run the same command with --resume to go on");
            console.err().flush();
        }, "kgsim-sweep-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
            return job.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C came as the sweep ended: the hook is already saying how far it got.
            }
            progress.finish();
        }
    }

    /**
     * Each data file and the report by name; the charts (a sweep of several values draws dozens)
     * in one line, as {@code run} lists its charts.
     */
    static void printWritten(Console console, Path dir, List<String> written) {
        long lines = written.stream().filter(f -> f.startsWith("sweep-line-") && f.endsWith(".svg")).count();
        long heat = written.stream().filter(f -> f.startsWith("sweep-heat-") && f.endsWith(".svg")).count();
        written.stream().filter(f -> !f.startsWith("sweep-") || !(f.endsWith(".svg") || f.endsWith(".png")))
                .forEach(f -> console.wrote(dir.resolve(f)));
        if (lines + heat > 0) {
            String lineCharts = lines + (lines == 1 ? " line chart" : " line charts") + " sweep-line-*";
            String heatMaps = heat + (heat == 1 ? " heat map" : " heat maps") + " sweep-heat-*";
            console.out().printf("  wrote %d %s (PNG and SVG): %s%n", lines + heat, lines + heat == 1 ? "chart" : "charts",
                    lines > 0 && heat > 0 ? lineCharts + ", " + heatMaps : lines > 0 ? lineCharts : heatMaps);
        }
    }

    /** Unknown, or known but not on the class path (spark's module). */
    static String missingEngine(String name) {
        if (name.equals("spark")) {
            return "--engine spark needs the spark module, which kgsim.jar leaves out to stay small: run the sweep as ./kgsim sweep "
                    + "... --engine spark from the repository (the launcher builds the spark module on first use), or put the spark "
                    + "module's jar on the class path.";
        }
        return "--engine: no engine called '" + name + "'; engines: " + String.join(", ", new EngineNames());
    }

    private void printHeading(Console console, SweepPlan plan, SweepJob job, Path dir) {
        long left = plan.runs() - job.alreadyDone();
        String pool = job.engine() instanceof LocalEngine ? "  threads=" + ParallelRuns.threads(threads.value(), left) : "";
        console.out().printf("kgsim sweep %s  points=%d  strategies=%s  seeds=%s  runs=%d  engine=%s%s%n", plan.name(), plan.points().size(),
                String.join(",", plan.strategies()), plan.seeds().text(), plan.runs(), job.engine().name(), pool);
        if (job.resumed()) {
            console.out().printf("  resuming %s: %d of %d runs already done, %d to go%n", dir, job.alreadyDone(), plan.runs(), left);
        } else if (resume) {
            console.out().printf("  nothing to resume in %s: starting from the first run%n", dir);
        }
        console.out().flush();
    }

    /** What was written, then each failed run and how to replay it; the exit code. */
    private int report(Console console, SweepPlan plan, Path dir, SweepJob.Result r) {
        console.out().printf("  %d runs: %d ok, %d failed, %d broke invariants%n", r.runs(), r.runs() - r.failedTotal() - r.violatingTotal(),
                r.failedTotal(), r.violatingTotal());
        printWritten(console, dir, r.written());
        console.out().flush();
        name(console, plan, r.failed(), r.failedTotal(), "failed");
        name(console, plan, r.violating(), r.violatingTotal(), "broke invariants");
        for (OutputFailure f : r.failures()) {
            console.error(f.message());
        }
        if (!r.failures().isEmpty()) {
            console.error("runs.csv, cells.csv and every other output were written; this is a kgsim bug: please report it");
        }
        console.err().flush();
        return r.failedTotal() > 0 ? ExitCodes.SIMULATION_FAILED
                : r.violatingTotal() > 0 ? ExitCodes.INVARIANT_VIOLATED
                : r.failures().isEmpty() ? ExitCodes.OK : ExitCodes.OUTPUT_FAILED;
    }

    /** The first {@link #NAMED} runs of {@code runs}, each with the values, strategy and seed that replay it. */
    private void name(Console console, SweepPlan plan, List<RunOutcome> runs, long total, String what) {
        for (RunOutcome o : runs.subList(0, Math.min(NAMED, runs.size()))) {
            SweepRun run = plan.run(o.index());
            String strategy = plan.strategies().get(run.strategy());
            String values = values(plan, run);
            console.error("run " + (o.index() + 1) + " " + what + " (" + (values.isEmpty() ? "" : values + ", ") + "strategy " + strategy
                    + ", seed " + run.seed() + ")" + (o.error() != null ? ": " + o.error() : ""));
            console.error("  replay with: kgsim run " + plan.source().scenarioFile() + " --seed " + run.seed() + " --strategy " + strategy
                    + classpath.replayArguments() + (values.isEmpty() ? "" : ", the scenario set to " + values));
        }
        if (total > NAMED) {
            console.error("... and " + (total - NAMED) + " more runs " + what + ": see the status and error columns of runs.csv");
        }
    }

    /** {@code path=value, ...}: the point's values, as the sweep file names them. */
    static String values(SweepPlan plan, SweepRun run) {
        List<String> parts = new ArrayList<>();
        List<String> values = plan.points().get(run.point()).values();
        for (int a = 0; a < plan.axes().size(); a++) {
            parts.add(plan.axes().get(a).path() + "=" + values.get(a));
        }
        return String.join(", ", parts);
    }

    /** The figures {@code --metric} completes. */
    static final class MetricNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return RunFigures.METRICS.stream().map(m -> m.name()).iterator();
        }
    }

    /** The engines {@code --engine} completes: local, and spark whether or not its module is there. */
    static final class EngineNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            java.util.TreeSet<String> names = SweepEngines.names();
            names.add("spark");
            return names.iterator();
        }
    }
}
