package io.kgsim.cli;

import static io.kgsim.testing.Cli.kgsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kgsim.report.ComparisonJson.Place;
import io.kgsim.report.ComparisonJson;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.Strategies;
import io.kgsim.sim.RunResult;
import io.kgsim.sim.ScenarioVariants;
import io.kgsim.testing.Cli.Outcome;
import io.kgsim.testing.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strategies with identical figures share a rank (standard competition ranking) in
 * comparison.json, the terminal table and report.html. Two consumers on two partitions: range,
 * roundrobin and sticky hand out the same assignment at every rebalance, so their runs are the
 * same; cooperative-sticky keeps c1's partition when c2 crashes and ranks first.
 */
class CompareRankingTest {
    @TempDir
    Path tmp;

    static final String SCENARIO = """
            name: tie
            seed: 4
            duration: 60s
            topics:
              - name: t
                partitions: 2
                produce:
                  rate: 200/s
            groups:
              - group.id: g
                subscription: [t]
                consumers: 2
                config:
                  auto.offset.reset: earliest
                  session.timeout.ms: 10000
            timeline:
              - at: 20s
                crash: g/c2
            """;

    @Test
    void tiedStrategiesShareARankEverywhere() throws Exception {
        Path file = tmp.resolve("tie.yaml");
        Files.writeString(file, SCENARIO);
        Path out = tmp.resolve("out");
        Outcome o = kgsim("compare", file.toString(), "--out", out.toString(), "--threads", "2",
                "--strategies", "range,cooperative-sticky,roundrobin,sticky");
        assertEquals(0, o.code(), o.err());

        JsonNode comparison = new ObjectMapper().readTree(out.resolve("comparison.json").toFile());
        assertEquals(System.getProperty("kgsim.pom.version"), comparison.get("kgsimVersion").asText());
        assertEquals(System.getProperty("kafka.pom.version"), comparison.get("kafkaClientsVersion").asText());
        JsonNode ranking = comparison.get("ranking");
        List<String> ranked = new ArrayList<>();
        for (JsonNode r : ranking) {
            ranked.add(r.get("rank").asInt() + " " + r.get("strategy").asText());
        }
        // Ties keep the order the strategies were given in.
        assertEquals(List.of("1 cooperative-sticky", "2 range", "2 roundrobin", "2 sticky"), ranked);

        List<String> table = o.out().lines().filter(l -> l.matches("  \\d+ +\\S+ +[\\d.]+ .*")).map(l -> l.trim().replaceAll(" +", " ")).toList();
        assertEquals(4, table.size(), o.out());
        for (int i = 0; i < 4; i++) {
            assertTrue(table.get(i).startsWith(ranked.get(i) + " "), table.get(i) + " should start with " + ranked.get(i));
        }

        String html = Files.readString(out.resolve("report.html"));
        for (String r : ranked) {
            String[] rankAndName = r.split(" ");
            assertTrue(html.contains("<tr><td>" + rankAndName[0] + "</td><th><a href=\"" + rankAndName[1] + "/report.html\">" + rankAndName[1] + "</a></th>"),
                    r + " in report.html");
        }
    }

    @Test
    void theRankAfterATieSkipsAsManyPlacesAsTied() throws Exception {
        Scenario base = Runs.parse(SCENARIO);
        RunResult cooperative = Runs.run(ScenarioVariants.apply(base, null, Strategies.resolve("cooperative-sticky"))).result();
        RunResult range = Runs.run(ScenarioVariants.apply(base, null, Strategies.resolve("range"))).result();
        List<Place> places = ComparisonJson.ranking(List.of(range, cooperative, cooperative, range, range));
        assertEquals(List.of(new Place(1, 1), new Place(2, 1), new Place(0, 3), new Place(3, 3), new Place(4, 3)), places);
    }
}
