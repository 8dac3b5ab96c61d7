package io.kgsim.report;

import static io.kgsim.testing.Cli.kgsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kgsim.cli.ExitCodes;
import io.kgsim.cli.Main;
import io.kgsim.testing.Cli.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart that fails to render (as the moves chart did for two groups) costs that chart only:
 * summary.json, the trace, the CSVs, the other charts and the report are written, the report
 * says which chart is missing, and the command names the output and the error and exits 5,
 * without a stack trace.
 */
class RenderFailureTest {
    @TempDir
    Path tmp;

    private static final String SCENARIO = """
            name: fails
            seed: 2
            duration: 20s
            topics:
              - name: t
                partitions: 4
            groups:
              - group.id: g
                subscription: [t]
                consumers: 2
            compare: [range, sticky]
            """;

    @AfterEach
    void restore() {
        RunArtifacts.chartWriter = Charts::write;
    }

    private static void failOn(String failing) {
        RunArtifacts.chartWriter = (result, chart, dir) -> {
            if (chart.equals(failing)) {
                // As XChart failed for two groups: after the SVG was rendered, mid-way.
                Files.writeString(dir.resolve(chart + ".png"), "half");
                throw new ArrayIndexOutOfBoundsException("Index 1 out of bounds for length 1");
            }
            Charts.write(result, chart, dir);
        };
    }


    @Test
    void aChartThatFailsLeavesEverythingElseWrittenAndSaysWhat() throws Exception {
        Path file = tmp.resolve("fails.yaml");
        Files.writeString(file, SCENARIO);
        Path out = tmp.resolve("out");
        // A previous run's chart must not pass for this run's.
        Files.createDirectories(out);
        Files.writeString(out.resolve("rebalance-moves.svg"), "<svg>stale</svg>");
        failOn("rebalance-moves");
        Outcome o = kgsim("run", file.toString(), "--out", out.toString());

        assertEquals(ExitCodes.OUTPUT_FAILED, o.code(), o.err());
        assertTrue(o.err().contains("kgsim: could not write the rebalance-moves chart: ArrayIndexOutOfBoundsException: Index 1 out of bounds for length 1"), o.err());
        assertFalse(o.err().contains("\tat ") || o.err().contains("internal error"), "no stack trace: " + o.err());
        assertEquals(20_000, new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("virtualDurationMs").asLong());
        for (String f : List.of("trace.jsonl", "timeseries.csv", "partition-lag.csv", "throughput.png", "lag.svg", "rebalance-timeline.png", "report.html")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertFalse(Files.exists(out.resolve("rebalance-moves.png")), "no half-written chart");
        assertFalse(Files.exists(out.resolve("rebalance-moves.svg")), "no stale chart");
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("The rebalance-moves chart could not be drawn: ArrayIndexOutOfBoundsException: Index 1 out of bounds for length 1."), "the report names the missing chart and why");
        assertTrue(report.contains("<figure id=\"chart-lag\">\n<svg"), "and still has the others");
        assertTrue(o.out().contains("wrote 6 charts (PNG and SVG): throughput, lag, unowned-partitions, rebalance-timeline, imbalance, latency\n"), o.out());
        try (Stream<Path> files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no staging directory left behind");
        }
    }

    @Test
    void compareStillRanksAndWritesItsReportWhenAStrategysChartFails() throws Exception {
        Path file = tmp.resolve("fails.yaml");
        Files.writeString(file, SCENARIO);
        Path out = tmp.resolve("cmp");
        failOn("lag");
        Outcome o = kgsim("compare", file.toString(), "--out", out.toString(), "--threads", "1");
        assertEquals(ExitCodes.OUTPUT_FAILED, o.code(), o.err());
        assertTrue(o.err().contains("kgsim: could not write the range/lag chart: ArrayIndexOutOfBoundsException"), o.err());
        assertTrue(o.err().contains("kgsim: could not write the sticky/lag chart: ArrayIndexOutOfBoundsException"), o.err());
        assertEquals(2, new ObjectMapper().readTree(out.resolve("comparison.json").toFile()).get("ranking").size());
        assertTrue(Files.size(out.resolve("report.html")) > 0);
        assertTrue(Files.size(out.resolve("range/summary.json")) > 0);
    }
}
