package io.kgsim.cli;

import io.kgsim.batch.ParallelRuns;
import io.kgsim.engine.Durations;
import io.kgsim.engine.SimulationException;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.report.EventSelection;
import io.kgsim.report.FigureText;
import io.kgsim.report.HtmlReport;
import io.kgsim.report.OutputFailure;
import io.kgsim.report.OutputsFailedException;
import io.kgsim.report.RunArtifacts;
import io.kgsim.report.ShortLog;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.Strategy;
import io.kgsim.sim.GroupResult;
import io.kgsim.sim.RunResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kgsim run SCENARIO.yaml [--seed N] [--strategy S] [--out DIR]}. */
@Command(name = "run", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Simulate a scenario, print a summary and write its output files.",
        footer = {"", "Writes into DIR: summary.json, trace.jsonl (trace.jsonl.gz with --trace-gzip, none with --trace none), "
            + "timeseries.csv, partition-lag.csv, the charts throughput, lag, rebalance-timeline, imbalance and rebalance-moves "
            + "(each as PNG and SVG), and report.html. Files of a previous run in DIR are replaced; "
            + "nothing is written when the run fails.",
            "", "With --seeds (default DIR out/<scenario-name>-seeds/): statistics.json with the statistics over the seeds and "
            + "every run's figures, report.html and box plots box-<figure> (PNG and SVG); each run's outputs only with "
            + "--keep-runs, in DIR/runs/<strategy>/seed-<n>/."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO.yaml", description = "The scenario file.")
    Path scenario;

    @Option(names = "--seed", paramLabel = "N", description = "Replace the scenario's seed.")
    Long seed;

    @Option(names = "--strategy", paramLabel = "S", completionCandidates = StrategyNames.class,
            description = "Set the protocol and assignor of every group: range, roundrobin, sticky, cooperative-sticky, or an assignor class name.")
    String strategy;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: out/<scenario-name>/).")
    Path out;

    @Option(names = "--log", description = "Print one fixed-column line per protocol event as the run goes.")
    boolean log;

    @Option(names = "--log-events", paramLabel = "EVENTS", split = ",",
            description = "Only these events in the --log lines (implies --log): trace event names or globs, "
                    + "e.g. partitions-*,member-removed.")
    List<String> logEvents;

    @Mixin
    TraceChoice trace;

    @Mixin
    SeedsOption seeds;

    @Mixin
    ThreadsOption threads;

    @Mixin
    UserClasspath classpath;

    @Spec
    CommandSpec spec;

    @Override
    @SuppressWarnings("try") // the installed classpath is used through its scope: closing restores the class loader
    public Integer call() throws IOException, InterruptedException {
        seeds.check(seed);
        if (seeds.value() == null && threads.value() != null) {
            throw new ParameterException(spec.commandLine(), "--threads runs several seeds at once (with --seeds); one run is one thread");
        }
        Set<GroupEventType> logged = logged();
        if (seeds.value() != null && logged != null) {
            throw new ParameterException(spec.commandLine(), "--log and --log-events print one run's events as it goes; with --seeds many runs "
                    + "go at once: replay one seed with --seed N --log");
        }
        try (UserClasspath.Installed cp = classpath.install()) {
            return run(logged);
        }
    }

    /** The events {@code --log} prints, or null for no log. */
    private Set<GroupEventType> logged() {
        if (logEvents == null) {
            return log ? EnumSet.allOf(GroupEventType.class) : null;
        }
        try {
            return EventSelection.parse(logEvents);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--log-events: " + e.getMessage());
        }
    }

    /** The command's steps: load, check the output directory, simulate and write, report. */
    private Integer run(Set<GroupEventType> logged) throws IOException, InterruptedException {
        Console console = Console.of(spec);
        Scenario s;
        try {
            s = load();
        } catch (ScenarioException e) {
            return console.badInput(e.getMessage());
        }
        console.scenarioWarnings(s);
        if (seeds.value() != null) {
            return runOverSeeds(s, console);
        }
        Path dir = Outputs.directory(out, s.name());
        if (!Outputs.usable(dir, Outputs.option(out), console.err())) {
            return ExitCodes.BAD_INPUT;
        }
        console.out().printf("kgsim run %s  seed=%d  strategy=%s%n", s.name(), s.seed(), strategyLabel(s));
        console.out().flush();
        Outcome outcome;
        try {
            outcome = simulate(s, dir, logged, console.out());
        } catch (SimulationException e) {
            return console.simulationFailed("", e, scenario, strategy, classpath);
        }
        report(console, s, dir, outcome);
        if (!outcome.failed().isEmpty()) {
            return console.outputsFailed(outcome.failed());
        }
        return outcome.result().invariantViolations() > 0 ? ExitCodes.INVARIANT_VIOLATED : ExitCodes.OK;
    }

    /** {@code --seeds}: the scenario on every seed, statistics instead of each run's outputs. */
    private Integer runOverSeeds(Scenario s, Console console) throws IOException, InterruptedException {
        Path dir = Outputs.directory(out, s.name() + "-seeds");
        if (!Outputs.usable(dir, Outputs.option(out), console.err())) {
            return ExitCodes.BAD_INPUT;
        }
        int pool = ParallelRuns.threads(threads.value(), seeds.value().size());
        String label = strategy != null ? strategy : strategyLabel(s);
        console.out().printf("kgsim run %s  seeds=%s  strategy=%s  threads=%d%n", s.name(), seeds.value().text(), label, pool);
        console.out().flush();
        return new SeedRuns(scenario, List.of(label), List.of(s), seeds.value(), dir, seeds.keepRuns, trace.options(),
                "statistics.json", strategy != null, classpath).execute(console, pool);
    }

    /** The scenario file with {@code --seed} and {@code --strategy} applied. */
    private Scenario load() throws ScenarioException {
        return StrategyNames.loadWith(scenario, seed, strategy);
    }

    /** A finished run, and the outputs that could not be rendered (all the others were written). */
    private record Outcome(RunResult result, List<OutputFailure> failed) {
    }

    /** Simulates the scenario and writes every output into {@code dir}. */
    private Outcome simulate(Scenario s, Path dir, Set<GroupEventType> logged, PrintWriter stdout) throws IOException {
        Progress progress = logged != null ? null : Progress.onTerminal(s.durationUs());
        try {
            RunResult result = RunArtifacts.runAndWrite(s, dir, logged != null ? new ShortLog(stdout, logged) : null,
                    progress == null ? null : progress.run(0), trace.options());
            return new Outcome(result, List.of());
        } catch (OutputsFailedException e) {
            return new Outcome(e.result(), e.failures());
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
    }

    /** The summary on stdout, the warnings the run found, and its invariant violations on stderr. */
    private void report(Console console, Scenario s, Path dir, Outcome outcome) {
        List<String> charts = new ArrayList<>(HtmlReport.RUN_CHARTS);
        for (OutputFailure f : outcome.failed()) {
            charts.removeIf(f::isChart);
        }
        boolean reportWritten = outcome.failed().stream().noneMatch(f -> f.output().equals("report.html"));
        printTotals(console.out(), outcome.result());
        printGroups(console.out(), outcome.result());
        printFiles(console, dir, charts, trace.options().fileName(), reportWritten);
        printRunWarnings(console.out(), outcome.result(), s);
        outcome.result().violationMessages().forEach(console::error);
    }

    private static String strategyLabel(Scenario s) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        s.groups().forEach(g -> names.add(g.config().strategyNames()));
        return String.join(";", names);
    }

    /** The run's figures, over all its groups. */
    private static void printTotals(PrintWriter out, RunResult r) {
        out.println();
        out.printf("  virtual time        %s%n", Durations.format(r.virtualDurationUs()));
        out.printf("  events              %,d%n", r.events());
        out.printf("  rebalances          %d%n", r.rebalances());
        out.printf("  rebalance duration  %s%n", FigureText.rebalanceDurations(r.rebalanceDurations()));
        out.printf("  partition moves     %d%n", r.partitionMovements());
        out.printf("  unowned partition   %s partition-seconds%n", String.format(Locale.ROOT, "%.3f", r.unownedPartitionUs() / 1e6));
        out.printf("  records produced    %,d%n", r.recordsProduced());
        out.printf("  records consumed    %,d  (duplicated %,d, lost %,d)%n", r.recordsConsumed(), r.recordsDuplicated(), r.recordsLost());
        out.printf("  max group lag       %,d records%n", r.maxLag());
        out.printf("  record latency      %s%n", FigureText.recordLatency(r.recordLatency()));
        out.printf("  imbalance           max/mean load %s, partition count spread %s (time averages)%n",
                Double.isNaN(r.maxOverMeanLoad()) ? "-" : String.format(Locale.ROOT, "%.3f", r.maxOverMeanLoad()),
                Double.isNaN(r.partitionCountSpread()) ? "-" : String.format(Locale.ROOT, "%.2f", r.partitionCountSpread()));
        if (r.crossRackBytes() > 0) {
            out.printf("  cross-rack bytes    %,d%n", r.crossRackBytes());
        }
        out.printf("  invariant breaks    %d%n", r.invariantViolations());
        if (r.strandedPartitions() > 0) {
            out.printf("  stranded partitions %d (a stable group's assignment left them to nobody: see warnings in summary.json)%n", r.strandedPartitions());
        }
        if (r.staleReconciliations() > 0) {
            out.printf("  double ownership    %d stale reconciliations (a Kafka 4.4 client race: two members owned a partition for %s ms in all; see warnings in summary.json)%n",
                    r.staleReconciliations(), Durations.millisText(r.staleReconciliationUs()));
        }
    }

    /** Each group's final assignment (the first 12 members), and its own figures when there are several. */
    private static void printGroups(PrintWriter out, RunResult r) {
        for (GroupResult g : r.groups()) {
            out.printf("%n  group %s (%s, %s protocol), %s %d%n", g.group(), g.strategy(), g.protocol(), g.epochName(), g.finalEpoch());
            if (r.groups().size() > 1) {
                out.printf("    rebalance duration  %s%n    record latency      %s%n", FigureText.rebalanceDurations(g.rebalanceDurations()),
                        FigureText.recordLatency(g.recordLatency()));
            }
            int shown = 0;
            for (Map.Entry<String, List<String>> e : g.finalAssignment().entrySet()) {
                if (shown++ == 12) {
                    out.printf("    ... and %d more members (summary.json has them all)%n", g.finalAssignment().size() - 12);
                    break;
                }
                out.printf("    %-6s %s%n", e.getKey(), abbreviate(e.getValue()));
            }
        }
    }

    /** The files written: no trace with {@code --trace none}, no chart or report that failed to render. */
    private static void printFiles(Console console, Path dir, List<String> charts, String traceFile, boolean report) {
        PrintWriter out = console.out();
        out.println();
        console.wrote(dir.resolve("summary.json"));
        if (traceFile != null) {
            console.wrote(dir.resolve(traceFile));
        }
        console.wrote(dir.resolve("timeseries.csv"));
        console.wrote(dir.resolve("partition-lag.csv"));
        out.printf("  wrote %s and %s (long form)%n", dir.resolve("member-throughput.csv"), dir.resolve("partition-lag-long.csv"));
        out.printf("  wrote %d charts (PNG and SVG): %s%n", charts.size(), String.join(", ", charts));
        if (report) {
            console.wrote(dir.resolve("report.html"));
        }
        out.flush();
    }

    /** Warnings the run found (failed members, stranded partitions); the scenario's own were printed before it ran. */
    private static void printRunWarnings(PrintWriter out, RunResult r, Scenario s) {
        List<String> found = r.warnings().stream().filter(w -> !s.warnings().contains(w)).toList();
        if (!found.isEmpty()) {
            out.printf("%n  warnings (also in summary.json)%n");
            found.forEach(w -> out.printf("    %s%n", w));
            out.flush();
        }
    }

    private static String abbreviate(List<String> partitions) {
        String s = partitions.toString();
        return s.length() <= 100 ? s : s.substring(0, 96) + " ...] (" + partitions.size() + ")";
    }
}
