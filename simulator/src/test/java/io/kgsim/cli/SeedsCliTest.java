package io.kgsim.cli;

import static io.kgsim.testing.Cli.kgsim;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kgsim.stats.Metric;
import io.kgsim.stats.RunFigures;
import io.kgsim.testing.Cli.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static final String SCENARIO = """
            name: seeds
            seed: 9
            duration: 40s
            network:
              latency: lognormal(1ms, 0.3)
            topics:
              - name: t
                partitions: 6
                produce:
                  rate: 300/s
                  skew: zipf(1.0)
            groups:
              - group.id: g
                subscription: [t]
                consumers: 3
                processing:
                  per.record: lognormal(1ms, 0.4)
                config:
                  auto.offset.reset: earliest
            timeline:
              - at: 15s
                crash: g/c2
              - at: 25s
                start: g/c2
            compare: [range, cooperative-sticky, consumer-uniform]
            """;

    private Path scenario() throws Exception {
        Path file = tmp.resolve("seeds.yaml");
        Files.writeString(file, SCENARIO);
        return file;
    }

    @Test
    void compareOverSeedsIsTheSameBytesWhateverTheThreadsAndHoldsEveryRun() throws Exception {
        Path file = scenario();
        Outcome one = kgsim("compare", file.toString(), "--seeds", "3..6", "--out", tmp.resolve("one").toString(), "--threads", "1");
        Outcome three = kgsim("compare", file.toString(), "--seeds", "3..6", "--out", tmp.resolve("three").toString(), "--threads", "3");
        assertEquals(0, one.code(), one.err());
        assertEquals(0, three.code(), three.err());
        List<String> files;
        try (Stream<Path> list = Files.list(tmp.resolve("one"))) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertTrue(files.containsAll(List.of("comparison.json", "report.html", "box-unownedPartitionMs.svg", "box-unownedPartitionMs.png")), files.toString());
        assertFalse(files.contains("range"), "no run's own outputs without --keep-runs: " + files);
        for (String f : files) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("one").resolve(f)), Files.readAllBytes(tmp.resolve("three").resolve(f)), f);
        }
        JsonNode c = JSON.readTree(tmp.resolve("one/comparison.json").toFile());
        assertEquals("[3,4,5,6]", c.get("seeds").toString());
        assertEquals(12, c.get("runs").size(), "every strategy on every seed");
        JsonNode unowned = c.get("statistics").get("range").get("unownedPartitionMs");
        assertEquals(4, unowned.get("n").asInt());
        double mean = 0;
        for (JsonNode r : c.get("runs")) {
            if (r.get("strategy").asText().equals("range")) {
                mean += r.get("figures").get("unownedPartitionMs").asDouble() / 4;
            }
        }
        assertEquals(mean, unowned.get("mean").asDouble(), Math.abs(mean) * 1e-5, "the statistics are those of the runs listed");
        assertTrue(unowned.get("ciLow").asDouble() <= unowned.get("mean").asDouble());
        assertEquals(3, c.get("tests").get("unownedPartitionMs").size(), "three pairs of three strategies");
        assertEquals(3, c.get("ranking").get("maxLag").size());
        assertFalse(Files.readString(tmp.resolve("one/comparison.json")).contains("NaN"));
        String html = Files.readString(tmp.resolve("one/report.html"));
        assertTrue(html.contains("id=\"chart-box-unownedPartitionMs\"") && html.contains("rank "), "box plots and ranks in the report");
        assertTrue(one.out().contains("seeds=3..6"), one.out());
    }

    @Test
    void runOverSeedsKeepsRunsWhoseSummariesGiveTheSameFigures() throws Exception {
        Path file = scenario();
        Path out = tmp.resolve("run");
        Outcome o = kgsim("run", file.toString(), "--seeds", "2", "--strategy", "sticky", "--keep-runs", "--trace", "none", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode stats = JSON.readTree(out.resolve("statistics.json").toFile());
        assertEquals(2, stats.get("runs").size());
        assertTrue(stats.get("tests") == null && stats.get("ranking") == null, "one strategy: nothing to test or rank");
        for (JsonNode run : stats.get("runs")) {
            JsonNode summary = JSON.readTree(out.resolve("runs/sticky/seed-" + run.get("seed").asLong() + "/summary.json").toFile());
            assertEquals(run.get("seed").asLong(), summary.get("seed").asLong());
            List<String> compared = new ArrayList<>();
            for (Metric m : RunFigures.METRICS) {
                JsonNode field = summary.at("/" + m.name().replace('.', '/'));
                assertFalse(field.isMissingNode(), m.name() + " is a summary.json field");
                JsonNode figure = run.get("figures").get(m.name());
                assertEquals(field.isNull(), figure.isNull(), m.name());
                if (!field.isNull()) {
                    assertEquals(field.decimalValue().stripTrailingZeros(), figure.decimalValue().stripTrailingZeros(), m.name());
                    compared.add(m.name());
                }
            }
            assertTrue(compared.size() >= 17, "most figures defined: " + compared);
        }
        Path lean = tmp.resolve("lean");
        assertEquals(0, kgsim("run", file.toString(), "--seeds", "2", "--strategy", "sticky", "--out", lean.toString()).code());
        assertEquals(stats.get("runs"), JSON.readTree(lean.resolve("statistics.json").toFile()).get("runs"),
                "a run that writes nothing gives the figures of one that writes everything");
        assertFalse(Files.exists(lean.resolve("runs")));
    }

    @Test
    void oneSeedGivesMeansWithoutIntervalsAndNoNaN() throws Exception {
        Path file = scenario();
        Path out = tmp.resolve("one-seed");
        Outcome o = kgsim("compare", file.toString(), "--seeds", "7,", "--strategies", "range,sticky", "--out", out.toString());
        assertEquals(2, o.code(), "'7,' is a list with an empty entry: " + o.err());
        o = kgsim("compare", file.toString(), "--seeds", "7..7", "--strategies", "range,sticky", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        String text = Files.readString(out.resolve("comparison.json"));
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
        JsonNode c = JSON.readTree(text);
        JsonNode lag = c.get("statistics").get("range").get("maxLag");
        assertEquals(1, lag.get("n").asInt());
        assertEquals(c.get("runs").get(0).get("figures").get("maxLag").asDouble(), lag.get("mean").asDouble());
        assertTrue(lag.get("sd").isNull() && lag.get("ciLow").isNull() && lag.get("ciHigh").isNull(), "one draw: no spread, no interval");
        for (JsonNode t : c.get("tests").get("unownedPartitionMs")) {
            assertFalse(t.get("significant").asBoolean(), "one seed can never separate two strategies: " + t);
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("one run: no interval"));
    }

    @Test
    void badCombinationsAreRefusedBeforeAnythingRuns() throws Exception {
        Path file = scenario();
        Path out = tmp.resolve("never");
        List<List<String>> bad = List.of(
                List.of("compare", "--seed", "3", "--seeds", "4"),
                List.of("run", "--seed", "3", "--seeds", "4"),
                List.of("compare", "--keep-runs"),
                List.of("run", "--seeds", "0"),
                List.of("compare", "--seeds", "5..1"),
                List.of("compare", "--seeds", "1,2,2"),
                List.of("run", "--seeds", "3", "--log"),
                List.of("run", "--seeds", "3", "--threads", "0"),
                List.of("run", "--threads", "2"));
        for (List<String> args : bad) {
            List<String> all = new ArrayList<>(List.of(args.get(0), file.toString(), "--out", out.toString()));
            all.addAll(args.subList(1, args.size()));
            Outcome o = kgsim(all.toArray(String[]::new));
            assertEquals(2, o.code(), all + ": " + o.err());
            assertTrue(o.err().startsWith("kgsim: "), o.err());
            assertFalse(o.err().contains("Exception"), o.err());
        }
        assertFalse(Files.exists(out), "nothing written");
    }
}
