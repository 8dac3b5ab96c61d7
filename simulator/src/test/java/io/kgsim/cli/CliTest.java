package io.kgsim.cli;

import static io.kgsim.testing.Cli.kgsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kgsim.testing.Cli.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path tmp;


    private Path write(String name, String yaml) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    private static final String GOOD = """
            name: cli
            seed: 4
            duration: 30s
            topics:
              - name: t
                partitions: 6
            groups:
              - group.id: g
                subscription: [t]
                consumers: 2
            timeline:
              - at: 15s
                stop: g/c2
            """;

    @Test
    void runWritesSummaryAndTraceAndPrintsTheSeedFirst() throws IOException {
        Path out = tmp.resolve("out");
        Outcome o = kgsim("run", write("cli.yaml", GOOD).toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("kgsim run cli  seed=4  strategy=range,cooperative-sticky"), o.out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (String field : List.of("scenario", "seed", "strategy", "protocol", "virtualDurationMs", "events", "rebalances",
                "partitionMovements", "unownedPartitionMs", "finalAssignment", "invariantViolations")) {
            assertTrue(summary.has(field), "summary.json lacks " + field);
        }
        assertEquals(30000, summary.get("virtualDurationMs").asLong());
        assertEquals(6, summary.get("finalAssignment").get("c1").size(), "c1 owns everything after c2 left");
        assertEquals(0, summary.get("invariantViolations").asLong());
        List<String> trace = Files.readAllLines(out.resolve("trace.jsonl"));
        assertTrue(trace.get(0).startsWith("{\"t\":0,\"event\":\"member-started\",\"group\":\"g\",\"member\":\"c1\""), trace.get(0));
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no staging directory left behind");
        }
        List<String> csv = Files.readAllLines(out.resolve("timeseries.csv"));
        assertEquals(31, csv.size(), "a header and one row per virtual second");
        assertTrue(csv.get(0).startsWith("time_s,group,produced_per_s,consumed_per_s,produced_total,consumed_unique_total,lag,"), csv.get(0));
        List<String> lag = Files.readAllLines(out.resolve("partition-lag.csv"));
        assertEquals("time_s,group,t-0,t-1,t-2,t-3,t-4,t-5", lag.get(0));
        assertEquals(31, lag.size());
        for (String chart : List.of("throughput", "lag", "imbalance", "rebalance-moves", "rebalance-timeline")) {
            java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(out.resolve(chart + ".png").toFile());
            assertEquals(io.kgsim.report.Charts.WIDTH, png.getWidth(), chart);
            assertEquals(io.kgsim.report.Charts.HEIGHT, png.getHeight(), chart);
            String svg = Files.readString(out.resolve(chart + ".svg"));
            assertTrue(svg.startsWith("<?xml") && svg.contains("<svg") && svg.length() > 10_000, chart + ".svg");
        }
        assertTrue(Files.readString(out.resolve("throughput.svg")).contains("<desc>series: produced; consumed; rebalance started</desc>"));
        assertTrue(Files.readString(out.resolve("lag.svg")).contains("<desc>series: group lag; max partition lag; rebalance started</desc>"));
        assertTrue(Files.readString(out.resolve("imbalance.svg")).contains("<desc>series: max / mean load %; partition count spread (right axis)"));
        String timeline = Files.readString(out.resolve("rebalance-timeline.svg"));
        assertTrue(timeline.contains("<desc>series: stable;") && timeline.contains("joining") && timeline.contains("stopped</desc>"), "c2 stays stopped");
        // XChart draws text as outlines, so the SVG holds paths; the same run gives the same bytes.
        Path again = tmp.resolve("again");
        assertEquals(0, kgsim("run", tmp.resolve("cli.yaml").toString(), "--out", again.toString()).code());
        for (String chart : List.of("throughput", "lag", "imbalance", "rebalance-moves", "rebalance-timeline")) {
            assertEquals(Files.readString(out.resolve(chart + ".svg")), Files.readString(again.resolve(chart + ".svg")), chart + ".svg is deterministic");
        }
    }

    @Test
    void strategyAndSeedOverrideTheScenario() throws IOException {
        Path out = tmp.resolve("o");
        Outcome o = kgsim("run", write("cli.yaml", GOOD).toString(), "--out", out.toString(), "--strategy", "cooperative-sticky", "--seed", "8");
        assertEquals(0, o.code(), o.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("cooperative-sticky", summary.get("strategy").asText());
        assertEquals(8, summary.get("seed").asLong());
    }

    @Test
    void badInputIsOneParagraphWithPlaceAndSuggestionExitTwoAndWritesNothing() throws IOException {
        Path file = write("typo.yaml", GOOD.replace("    consumers: 2", "    consumers: 2\n    config:\n      sesion.timeout.ms: 30000"));
        Path out = tmp.resolve("never");
        Outcome o = kgsim("run", file.toString(), "--out", out.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains(file + ":12:7: unknown consumer config 'sesion.timeout.ms'; did you mean 'session.timeout.ms'?"), o.err());
        assertEquals(1, o.err().strip().lines().count(), "one paragraph: " + o.err());
        assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), "no stack trace: " + o.err());
        assertFalse(Files.exists(out), "nothing written");
        assertEquals("", o.out());
    }

    @Test
    void unknownStrategyOnTheCommandLineIsBadInput() throws IOException {
        Outcome o = kgsim("run", write("cli.yaml", GOOD).toString(), "--strategy", "cooperative_sticky", "--out", tmp.resolve("x").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("unknown strategy 'cooperative_sticky'; did you mean 'cooperative-sticky'?"), o.err());
    }

    @Test
    void aMissingFileIsOneLineAndExitTwo() {
        Outcome o = kgsim("validate", tmp.resolve("nope.yaml").toString());
        assertEquals(2, o.code());
        assertEquals(1, o.err().strip().lines().count());
        assertTrue(o.err().contains("no such file"), o.err());
    }

    @Test
    void validateSaysOk() throws IOException {
        Outcome o = kgsim("validate", write("cli.yaml", GOOD).toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains(": ok (1 topic(s), 1 group(s), 2 initial member(s), 1 timeline action(s))"), o.out());
    }

    @Test
    void helpAndVersion() {
        assertEquals(0, kgsim("--version").code());
        assertTrue(kgsim("--version").out().contains("kafka-clients 4.4.0"));
        Outcome help = kgsim("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("run") && help.out().contains("validate"));
        assertEquals(2, kgsim("run").code(), "missing parameter");
        assertEquals(2, kgsim("frobnicate").code(), "unknown subcommand");
    }

    @Test
    void everyBundledScenarioValidates() throws IOException {
        try (var files = Files.list(Path.of("../scenarios"))) {
            List<Path> scenarios = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertTrue(scenarios.size() >= 3);
            for (Path p : scenarios) {
                Outcome o = kgsim("validate", p.toString());
                assertEquals(0, o.code(), p + ": " + o.err());
                assertTrue(Files.readString(p).startsWith("#"), p + " starts with a header comment");
            }
        }
    }
}
