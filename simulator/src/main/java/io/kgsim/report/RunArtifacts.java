package io.kgsim.report;

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

/**
 * Runs a scenario and writes everything a run leaves behind into one directory:
 * {@code summary.json}, {@code trace.jsonl}, {@code timeseries.csv}, {@code partition-lag.csv},
 * their long forms {@code member-throughput.csv} and {@code partition-lag-long.csv}, the charts and {@code report.html}. Files are staged and moved in only once all are written.
 * Safe to call from several threads at once for different directories (compare does).
 */
public final class RunArtifacts {
    private RunArtifacts() {
    }

    /**
     * @param extra another observer of group events (the short log), or null
     * @throws io.kgsim.engine.SimulationException when the run fails; nothing is written then
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
        try (RunOutput output = new RunOutput(dir)) {
            RunResult result;
            try (TraceWriter trace = traceOptions.open(output)) {
                RunOptions options = trace == null ? RunOptions.defaults() : RunOptions.defaults().withListener(trace);
                if (extra != null) {
                    options = options.withListener(extra);
                }
                ScenarioRun run = new ScenarioRun(scenario, options);
                if (progress != null) {
                    long[] last = {0, 0};
                    run.simulation().addObserver(now -> {
                        long events = run.simulation().eventsRun();
                        if ((events & 0xFFFF) == 0) {
                            progress.advance(now - last[0], events - last[1]);
                            last[0] = now;
                            last[1] = events;
                        }
                    });
                    result = run.run();
                    progress.advance(scenario.durationUs() - last[0], run.simulation().eventsRun() - last[1]);
                } else {
                    result = run.run();
                }
            }
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
            Path staging = output.file(".").getParent();
            Charts.writeAll(result, staging);
            Files.writeString(output.file("report.html"), HtmlReport.forRun(scenario, result, staging), StandardCharsets.UTF_8);
            output.commit();
            return result;
        }
    }
}
