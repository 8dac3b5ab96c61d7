package io.kgsim.cli;

import static io.kgsim.testing.Cli.kgsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kgsim.testing.Cli.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's crash: two groups on one topic made `kgsim run` and `kgsim compare` exit 1 from
 * inside XChart, writing nothing. Both now write everything, the moves chart with both groups.
 */
class MultiGroupCliTest {
    @TempDir
    Path tmp;

    static final String TWO_GROUPS = """
            name: two-groups
            seed: 1
            duration: 60s
            topics:
              - name: t
                partitions: 6
                produce:
                  rate: 100/s
            groups:
              - group.id: a
                subscription: [t]
                consumers: 2
              - group.id: b
                subscription: [t]
                consumers: 3
            timeline:
              - at: 30s
                stop: b/c1
            compare: [range, cooperative-sticky]
            """;

    @Test
    void twoGroupsRunAndCompareAndTheMovesChartHasBothGroups() throws Exception {
        Path file = tmp.resolve("two.yaml");
        Files.writeString(file, TWO_GROUPS);
        Path out = tmp.resolve("run");
        Outcome run = kgsim("run", file.toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        String moves = Files.readString(out.resolve("rebalance-moves.svg"));
        assertTrue(moves.contains("<desc>series: moved (a); moved (b)</desc>"), "both groups' bars: " + moves.substring(0, 400));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(2, summary.get("groups").size());
        String unowned = Files.readString(out.resolve("unowned-partitions.svg"));
        assertTrue(unowned.contains("unowned partitions (a); unowned partitions (b)"), "one line per group");
        String report = Files.readString(out.resolve("report.html"));
        for (String chart : List.of("throughput", "lag", "unowned-partitions", "rebalance-timeline", "imbalance", "rebalance-moves")) {
            assertTrue(report.contains("<figure id=\"chart-" + chart + "\">\n<svg"), chart + " inline in report.html");
        }

        Path cmp = tmp.resolve("cmp");
        Outcome compare = kgsim("compare", file.toString(), "--out", cmp.toString());
        assertEquals(0, compare.code(), compare.err());
        for (String strategy : List.of("range", "cooperative-sticky")) {
            assertTrue(Files.size(cmp.resolve(strategy).resolve("rebalance-moves.png")) > 0, strategy);
        }
        String page = Files.readString(cmp.resolve("report.html"));
        // Each strategy's own report, linked relatively so the folder can move.
        assertTrue(page.contains("<a href=\"range/report.html\">range</a>"), "links each strategy's report");
        assertTrue(page.contains("<a href=\"cooperative-sticky/report.html\">cooperative-sticky</a>"));
    }
}
