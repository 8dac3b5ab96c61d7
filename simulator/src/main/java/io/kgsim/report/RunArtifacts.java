package io.kgsim.report;

import io.kgsim.engine.SimulationException;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.scenario.Scenario;
import io.kgsim.sim.RunOptions;
import io.kgsim.sim.RunResult;
import io.kgsim.sim.ScenarioRun;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a scenario and writes everything a run leaves behind into one directory:
 * {@code summary.json}, {@code trace.jsonl}, {@code timeseries.csv}, {@code partition-lag.csv},
 * their long forms {@code member-throughput.csv} and {@code partition-lag-long.csv}, the charts and
 * {@code report.html}. Files are staged and moved in only once all are written; an output that
 * fails to render does not stop the others (see {@link OutputsFailedException}).
 * Safe to call from several threads at once for different directories (compare does).
 */
public final class RunArtifacts {
    private RunArtifacts() {
    }

    /**
     * @param extra another observer of group events (the short log), or null
     * @throws SimulationException when the run fails; nothing is written then
     * @throws OutputsFailedException when the run finished but a chart or the report could not
     *     be written; everything else is written
     */
    public static RunResult runAndWrite(Scenario scenario, Path dir, GroupEventListener extra) throws IOException {
        return runAndWrite(scenario, dir, extra, null);
    }

    /** Reports progress, as (virtual microseconds, events) since the previous report. */
    @FunctionalInterface
    public interface ProgressSink {
        void advance(long deltaUs, long deltaEvents);
    }

    public static RunResult runAndWrite(Scenario scenario, Path dir, GroupEventListener extra, ProgressSink progress) throws IOException {
        return runAndWrite(scenario, dir, extra, progress, TraceOptions.FULL);
    }

    /** @param traceOptions which trace file to write, if any ({@code --trace}, {@code --trace-gzip}) */
    public static RunResult runAndWrite(Scenario scenario, Path dir, GroupEventListener extra, ProgressSink progress,
            TraceOptions traceOptions) throws IOException {
        return runAndWrite(scenario, dir, extra, progress, traceOptions, null);
    }

    /**
     * @param extraSection makes, once the run has ended, HTML that report.html carries after the
     *     summary (a replay's comparison with a real run); null for none
     */
    public static RunResult runAndWrite(Scenario scenario, Path dir, GroupEventListener extra, ProgressSink progress,
            TraceOptions traceOptions, Function<RunResult, String> extraSection) throws IOException {
        try (RunOutput output = new RunOutput(dir)) {
            RunResult result = simulate(scenario, output, extra, progress, traceOptions);
            writeDataFiles(result, output);
            List<OutputFailure> failures = writeRendered(scenario, result, output, extraSection);
            output.commit();
            if (!failures.isEmpty()) {
                throw new OutputsFailedException(result, output.dir(), failures);
            }
            return result;
        }
    }

    /**
     * Runs the scenario and writes nothing: for runs whose figures are all that is kept (many
     * seeds). The result is the one {@link #runAndWrite} would return.
     *
     * @param progress where to report progress, or null
     */
    public static RunResult simulate(Scenario scenario, ProgressSink progress) {
        ScenarioRun run = new ScenarioRun(scenario, RunOptions.defaults());
        return progress == null ? run.run() : runReportingProgress(run, scenario.durationUs(), progress);
    }

    /** Runs the scenario with the trace (if any) and the extra observer listening; the trace is closed after. */
    private static RunResult simulate(Scenario scenario, RunOutput output, GroupEventListener extra, ProgressSink progress,
            TraceOptions traceOptions) throws IOException {
        try (TraceWriter trace = traceOptions.open(output)) {
            RunOptions options = trace == null ? RunOptions.defaults() : RunOptions.defaults().withListener(trace);
            if (extra != null) {
                options = options.withListener(extra);
            }
            ScenarioRun run = new ScenarioRun(scenario, options);
            return progress == null ? run.run() : runReportingProgress(run, scenario.durationUs(), progress);
        }
    }

    /** Reports every 65,536 events, and the rest once the run ends, so the sink sees the whole duration. */
    private static RunResult runReportingProgress(ScenarioRun run, long durationUs, ProgressSink progress) {
        long[] last = {0, 0};
        run.simulation().addObserver(now -> {
            long events = run.simulation().eventsRun();
            if ((events & 0xFFFF) == 0) {
                progress.advance(now - last[0], events - last[1]);
                last[0] = now;
                last[1] = events;
            }
        });
        RunResult result = run.run();
        progress.advance(durationUs - last[0], run.simulation().eventsRun() - last[1]);
        return result;
    }

    /** summary.json and the CSVs: the run's numbers, which must not depend on the charts rendering. */
    private static void writeDataFiles(RunResult result, RunOutput output) throws IOException {
        Files.writeString(output.file("summary.json"), SummaryJson.toJson(result), StandardCharsets.UTF_8);
        try (BufferedWriter csv = Files.newBufferedWriter(output.file("timeseries.csv"), StandardCharsets.UTF_8)) {
            TimeSeriesCsv.write(result, csv);
        }
        try (BufferedWriter csv = Files.newBufferedWriter(output.file("partition-lag.csv"), StandardCharsets.UTF_8)) {
            PartitionLagCsv.write(result, csv);
        }
        try (BufferedWriter csv = Files.newBufferedWriter(output.file("member-throughput.csv"), StandardCharsets.UTF_8)) {
            TimeSeriesCsv.writeMembers(result, csv);
        }
        try (BufferedWriter csv = Files.newBufferedWriter(output.file("partition-lag-long.csv"), StandardCharsets.UTF_8)) {
            PartitionLagCsv.writeLong(result, csv);
        }
    }

    /** Draws one run chart into a directory; tests swap it for one that fails. */
    @FunctionalInterface
    interface ChartWriter {
        void write(RunResult result, String chart, Path dir) throws IOException;
    }

    /** Replaced only by tests, to check what a run does when a chart fails to render. */
    static volatile ChartWriter chartWriter = Charts::write;

    /**
     * The charts and report.html, each on its own: one that fails to render (an XChart bug, a
     * full disk) is reported and the others, and the data files before them, are still written.
     * The report names a chart that could not be drawn in its place.
     */
    private static List<OutputFailure> writeRendered(Scenario scenario, RunResult result, RunOutput output,
            Function<RunResult, String> extraSection) {
        Path staging = output.file(".").getParent();
        List<OutputFailure> failures = new ArrayList<>();
        for (String chart : HtmlReport.RUN_CHARTS) {
            try {
                chartWriter.write(result, chart, staging);
            } catch (IOException | RuntimeException e) {
                failures.add(OutputFailure.chart(chart, e));
                // No half-written PNG or SVG, nor a previous run's: the report says it is missing.
                for (Path d : List.of(staging, output.dir())) {
                    deleteQuietly(d.resolve(chart + ".png"));
                    deleteQuietly(d.resolve(chart + ".svg"));
                }
            }
        }
        try {
            String extraHtml = extraSection == null ? "" : extraSection.apply(result);
            Files.writeString(output.file("report.html"), HtmlReport.forRun(scenario, result, staging, failures, extraHtml),
                    StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            failures.add(new OutputFailure("report.html", e));
            deleteQuietly(output.file("report.html"));
            deleteQuietly(output.dir().resolve("report.html"));
        }
        return failures;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // RunOutput removes the staging directory whatever is left in it.
        }
    }
}
