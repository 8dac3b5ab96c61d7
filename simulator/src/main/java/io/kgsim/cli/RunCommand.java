package io.kgsim.cli;

import io.kgsim.assignor.Strategies;
import io.kgsim.assignor.Strategy;
import io.kgsim.engine.Durations;
import io.kgsim.engine.SimulationException;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.report.EventSelection;
import io.kgsim.report.RunArtifacts;
import io.kgsim.report.SummaryJson;
import io.kgsim.report.TraceWriter;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.ScenarioLoader;
import io.kgsim.sim.GroupResult;
import io.kgsim.sim.RunOptions;
import io.kgsim.sim.RunResult;
import io.kgsim.sim.ScenarioRun;
import io.kgsim.sim.ScenarioVariants;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
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
            + "nothing is written when the run fails."})
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
    UserClasspath classpath;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Set<GroupEventType> logged = logged();
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

    private Integer run(Set<GroupEventType> logged) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Scenario s;
        try {
            s = ScenarioLoader.load(scenario);
            Strategy override = null;
            if (strategy != null) {
                try {
                    override = Strategies.resolve(strategy);
                } catch (IllegalArgumentException e) {
                    throw new ScenarioException(null, "--strategy: " + e.getMessage());
                }
            }
            s = ScenarioVariants.apply(s, seed, override);
            s.warnings().forEach(w -> err.println("kgsim: warning: " + w));
        } catch (ScenarioException e) {
            err.println("kgsim: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        Path dir = out != null ? out : Outputs.DEFAULT_ROOT.resolve(s.name());
        if (!Outputs.usable(dir, out != null ? "--out" : "the default output directory", err)) {
            return ExitCodes.BAD_INPUT;
        }
        stdout.printf("kgsim run %s  seed=%d  strategy=%s%n", s.name(), s.seed(), strategyLabel(s));
        stdout.flush();
        RunResult result;
        List<io.kgsim.report.OutputFailure> failed = List.of();
        try {
            Progress progress = logged != null ? null : Progress.onTerminal(s.durationUs());
            try {
                result = RunArtifacts.runAndWrite(s, dir, logged != null ? new io.kgsim.report.ShortLog(stdout, logged) : null,
                        progress == null ? null : progress.run(0), trace.options());
            } finally {
                if (progress != null) {
                    progress.finish();
                }
            }
        } catch (SimulationException e) {
            err.println("kgsim: " + e.getMessage());
            err.println("kgsim: replay with: kgsim run " + scenario + " --seed " + e.seed() + (strategy != null ? " --strategy " + strategy : "")
                    + classpath.replayArguments());
            return ExitCodes.SIMULATION_FAILED;
        } catch (io.kgsim.report.OutputsFailedException e) {
            result = e.result();
            failed = e.failures();
        }
        List<String> charts = new java.util.ArrayList<>(io.kgsim.report.HtmlReport.RUN_CHARTS);
        for (io.kgsim.report.OutputFailure f : failed) {
            charts.removeIf(f::isChart);
        }
        printSummary(stdout, result, dir, charts, trace.options().fileName(), failed.stream().noneMatch(f -> f.output().equals("report.html")));
        printRunWarnings(stdout, result, s);
        for (String m : result.violationMessages()) {
            err.println("kgsim: " + m);
        }
        if (!failed.isEmpty()) {
            reportFailures(err, failed);
            return ExitCodes.OUTPUT_FAILED;
        }
        return result.invariantViolations() > 0 ? ExitCodes.INVARIANT_VIOLATED : ExitCodes.OK;
    }

    /** What could not be written, one line each, and what was (shared with compare). */
    static void reportFailures(PrintWriter err, List<io.kgsim.report.OutputFailure> failed) {
        for (io.kgsim.report.OutputFailure f : failed) {
            err.println("kgsim: " + f.message());
        }
        err.println("kgsim: summary.json, trace.jsonl, the CSVs and every other output were written; "
                + "this is a kgsim bug: please report it with the scenario and seed (exit code " + ExitCodes.OUTPUT_FAILED + ")");
        err.flush();
    }

    private static String strategyLabel(Scenario s) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        s.groups().forEach(g -> names.add(g.config().strategyNames()));
        return String.join(";", names);
    }

    private static void printSummary(PrintWriter out, RunResult r, Path dir, List<String> charts, String traceFile, boolean report) {
        out.println();
        out.printf("  virtual time        %s%n", Durations.format(r.virtualDurationUs()));
        out.printf("  events              %,d%n", r.events());
        out.printf("  rebalances          %d%n", r.rebalances());
        out.printf("  rebalance duration  %s%n", io.kgsim.report.FigureText.rebalanceDurations(r.rebalanceDurations()));
        out.printf("  partition moves     %d%n", r.partitionMovements());
        out.printf("  unowned partition   %s partition-seconds%n", String.format(java.util.Locale.ROOT, "%.3f", r.unownedPartitionUs() / 1e6));
        out.printf("  records produced    %,d%n", r.recordsProduced());
        out.printf("  records consumed    %,d  (duplicated %,d, lost %,d)%n", r.recordsConsumed(), r.recordsDuplicated(), r.recordsLost());
        out.printf("  max group lag       %,d records%n", r.maxLag());
        out.printf("  record latency      %s%n", io.kgsim.report.FigureText.recordLatency(r.recordLatency()));
        out.printf("  imbalance           max/mean load %s, partition count spread %s (time averages)%n",
                Double.isNaN(r.maxOverMeanLoad()) ? "-" : String.format(java.util.Locale.ROOT, "%.3f", r.maxOverMeanLoad()),
                Double.isNaN(r.partitionCountSpread()) ? "-" : String.format(java.util.Locale.ROOT, "%.2f", r.partitionCountSpread()));
        if (r.crossRackBytes() > 0) {
            out.printf("  cross-rack bytes    %,d%n", r.crossRackBytes());
        }
        out.printf("  invariant breaks    %d%n", r.invariantViolations());
        if (r.strandedPartitions() > 0) {
            out.printf("  stranded partitions %d (a stable group's assignment left them to nobody: see warnings in summary.json)%n", r.strandedPartitions());
        }
        for (GroupResult g : r.groups()) {
            out.printf("%n  group %s (%s, %s protocol), generation %d%n", g.group(), g.strategy(), g.protocol(), g.finalGeneration());
            if (r.groups().size() > 1) {
                out.printf("    rebalance duration  %s%n    record latency      %s%n", io.kgsim.report.FigureText.rebalanceDurations(g.rebalanceDurations()),
                        io.kgsim.report.FigureText.recordLatency(g.recordLatency()));
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
        out.printf("%n  wrote %s%n", dir.resolve("summary.json"));
        if (traceFile != null) {
            out.printf("  wrote %s%n", dir.resolve(traceFile));
        }
        out.printf("  wrote %s%n", dir.resolve("timeseries.csv"));
        out.printf("  wrote %s%n", dir.resolve("partition-lag.csv"));
        out.printf("  wrote %s and %s (long form)%n", dir.resolve("member-throughput.csv"), dir.resolve("partition-lag-long.csv"));
        out.printf("  wrote %d charts (PNG and SVG): %s%n", charts.size(), String.join(", ", charts));
        if (report) {
            out.printf("  wrote %s%n", dir.resolve("report.html"));
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
