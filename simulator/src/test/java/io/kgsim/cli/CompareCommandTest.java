package io.kgsim.cli;

import static io.kgsim.testing.Cli.kgsim;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kgsim.testing.Cli.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    @TempDir
    Path tmp;

    private static final String SCENARIO = """
            name: cmp
            seed: 9
            duration: 90s
            network:
              latency: lognormal(1ms, 0.3)
            topics:
              - name: t
                partitions: 8
                produce:
                  rate: 800/s
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
              - at: 30s
                crash: g/c2
              - at: 50s
                start: g/c2
            compare: [range, cooperative-sticky, consumer-uniform, io.kgsim.assignor.ReverseRangeAssignor]
            """;

    @Test
    void comparisonRanksAsTheSummariesSayAndIsTheSameBytesWhateverTheThreads() throws Exception {
        Path file = tmp.resolve("cmp.yaml");
        Files.writeString(file, SCENARIO);
        Outcome one = kgsim("compare", file.toString(), "--out", tmp.resolve("one").toString(), "--threads", "1");
        Outcome two = kgsim("compare", file.toString(), "--out", tmp.resolve("two").toString(), "--threads", "2");
        assertEquals(0, one.code(), one.err());
        assertEquals(0, two.code(), two.err());
        assertFalse(one.out().contains("skipped"), one.out());
        for (String f : List.of("comparison.json", "range/summary.json", "cooperative-sticky/trace.jsonl", "consumer-uniform/trace.jsonl",
                "ReverseRangeAssignor/timeseries.csv",
                "compare-lag.svg", "report.html")) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("one").resolve(f)), Files.readAllBytes(tmp.resolve("two").resolve(f)), f);
        }
        JsonNode c = new ObjectMapper().readTree(tmp.resolve("one/comparison.json").toFile());
        assertEquals(4, c.get("strategies").size(), "the consumer protocol's strategy runs beside the classic ones");
        JsonNode ranking = c.get("ranking");
        // Every strategy that ran is ranked once: an empty or short ranking must not pass the order checks below.
        assertEquals(List.of("consumer-uniform", "cooperative-sticky", "io.kgsim.assignor.ReverseRangeAssignor", "range"),
                ranking.findValuesAsText("strategy").stream().sorted().toList());
        assertEquals(1, ranking.get(0).get("rank").asInt());
        for (int i = 0; i + 1 < ranking.size(); i++) {
            JsonNode a = ranking.get(i);
            JsonNode b = ranking.get(i + 1);
            int order = Comparator.<JsonNode>comparingDouble(n -> n.get("unownedPartitionMs").asDouble())
                    .thenComparingLong(n -> n.get("recordsDuplicated").asLong())
                    .compare(a, b);
            assertTrue(order <= 0, "ranked by unowned time, then duplicates: " + a + " before " + b);
            int rank = b.get("rank").asInt();
            assertTrue(order < 0 ? rank == i + 2 : rank == i + 2 || rank == a.get("rank").asInt(), "competition ranking: " + a + " then " + b);
        }
        for (JsonNode r : ranking) {
            JsonNode summary = c.get("summaries").get(r.get("strategy").asText());
            assertEquals(summary.get("unownedPartitionMs").asDouble(), r.get("unownedPartitionMs").asDouble());
            assertEquals(summary.get("recordsDuplicated").asLong(), r.get("recordsDuplicated").asLong());
            JsonNode own = new ObjectMapper().readTree(tmp.resolve("one").resolve(CompareCommand.directoryName(r.get("strategy").asText())).resolve("summary.json").toFile());
            assertEquals(own, summary, "comparison.json holds each run's own summary");
        }
    }

    @Test
    void reportsAreSelfContained() throws Exception {
        Path file = tmp.resolve("cmp.yaml");
        Files.writeString(file, SCENARIO);
        assertEquals(0, kgsim("compare", file.toString(), "--out", tmp.resolve("c").toString(), "--strategies", "range,sticky").code());
        for (Path html : List.of(tmp.resolve("c/report.html"), tmp.resolve("c/range/report.html"))) {
            String text = Files.readString(html);
            assertTrue(text.startsWith("<!DOCTYPE html>"));
            assertFalse(text.contains("<script") || text.contains("<link") || text.contains("<img") || text.contains("@import"),
                    html + " fetches nothing");
            Matcher urls = Pattern.compile("url\\(([^)]*)\\)").matcher(text);
            while (urls.find()) {
                assertTrue(urls.group(1).startsWith("#"), html + " refers to " + urls.group(1));
            }
            Matcher ids = Pattern.compile(" id=\"([^\"]+)\"").matcher(text);
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (ids.find()) {
                assertTrue(seen.add(ids.group(1)), "duplicate id " + ids.group(1) + " in " + html);
            }
            Matcher m = Pattern.compile("(?:src|href)\\s*=\\s*\"([^\"]*)\"").matcher(text);
            while (m.find()) {
                assertFalse(m.group(1).contains("//") || m.group(1).startsWith("http"), html + " refers to " + m.group(1));
            }
            assertTrue(text.split("<svg", -1).length - 1 >= 4, html + " inlines its charts");
        }
        assertEquals(2, kgsim("compare", file.toString(), "--strategies", "rnage").code());
        assertEquals(2, kgsim("compare", file.toString(), "--strategies", "consumer-rnage").code());
    }
}
