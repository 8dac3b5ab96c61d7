package io.kgsim.cli;

import static io.kgsim.testing.Cli.kgsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kgsim.scenario.ScenarioReference;
import io.kgsim.scenario.ScenarioSchema;
import io.kgsim.testing.Cli.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run tells the user beyond its figures: settings it ignores, members that failed; and {@code kgsim schema}. */
class ScenarioWarningsCliTest {
    @TempDir
    Path tmp;

    /** Three members, room for two: the third's JoinGroup gets GROUP_MAX_SIZE_REACHED, fatal for the client. */
    private static final String FULL_GROUP = """
            name: full-group
            seed: 3
            duration: 20s
            cluster:
              config:
                group.max.size: 2
                group.initial.rebalance.delay.ms: 0
            topics:
              - name: t
                partitions: 4
            groups:
              - group.id: g
                subscription: [t]
                consumers: 2
                config:
                  fetch.max.wait.ms: 100
            timeline:
              - at: 5s
                start: {group: g, count: 1}
            """;

    @Test
    void aMemberThatFailsFatallyIsInThePrintedSummaryAndInSummaryJsonWarnings() throws IOException {
        Path scenario = tmp.resolve("full.yaml");
        Files.writeString(scenario, FULL_GROUP);
        Path out = tmp.resolve("out");
        Outcome o = kgsim("run", scenario.toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        String failure = "group g: member c3 failed at 5.0";
        assertTrue(o.out().contains("warnings (also in summary.json)"), o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.contains(failure) && l.contains("GROUP_MAX_SIZE_REACHED")), o.out());
        // The scenario's own warning comes first, on stderr, before the run.
        assertTrue(o.err().contains("kgsim: warning: " + scenario + ":16:7: consumer config 'fetch.max.wait.ms' is accepted, not modelled"), o.err());

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        List<String> warnings = new ArrayList<>();
        summary.get("warnings").forEach(w -> warnings.add(w.asText()));
        assertTrue(warnings.get(0).contains("'fetch.max.wait.ms' is accepted, not modelled"), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith(failure) && w.contains("GROUP_MAX_SIZE_REACHED")), warnings.toString());

        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        String warningsSection = html.substring(html.indexOf("<h2>Warnings"));
        assertTrue(warningsSection.contains("'fetch.max.wait.ms' is accepted, not modelled"), "report.html lists the warning");
        assertTrue(warningsSection.contains(failure), "report.html lists the failed member");
        String mattered = html.substring(html.indexOf("Configuration that mattered"), html.indexOf("<h2>Summary"));
        assertFalse(mattered.contains("fetch.max.wait.ms"), "a setting that is not modelled did not matter: " + mattered);
    }

    @Test
    void aLeaderWhoseAssignorThrowsIsListedAsAFailedMember() throws IOException {
        Path scenario = tmp.resolve("failing.yaml");
        Files.writeString(scenario, """
                name: failing-assignor
                duration: 20s
                topics:
                  - name: t
                    partitions: 2
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 2
                    config:
                      partition.assignment.strategy: io.kgsim.cli.FailingAssignor
                """);
        Path out = tmp.resolve("out");
        Outcome o = kgsim("run", scenario.toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        List<String> failed = new ArrayList<>();
        summary.get("warnings").forEach(w -> {
            if (w.asText().matches("group g: member c\\d+ failed at \\d+\\.\\d{3}s: assignor threw .*no capacity model for this cluster.*")) {
                failed.add(w.asText());
            }
        });
        // The leader c1 runs the assignor and fails; c2 waits in the join until c1's session
        // timeout (45 s, past the run's end) before it would lead and fail in turn.
        assertEquals(1, failed.size(), summary.get("warnings").toString());
        assertTrue(failed.get(0).startsWith("group g: member c1 failed at "), failed.get(0));
        assertTrue(o.out().contains(failed.get(0)), o.out());
    }

    @Test
    void validatePrintsTheAcceptedNotModelledWarnings() throws IOException {
        Path scenario = tmp.resolve("full.yaml");
        Files.writeString(scenario, FULL_GROUP);
        Outcome o = kgsim("validate", scenario.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains(":16:7: consumer config 'fetch.max.wait.ms' is accepted, not modelled"), o.err());
    }

    @Test
    void schemaPrintsTheSchemaAndTheReference() {
        Outcome schema = kgsim("schema");
        assertEquals(0, schema.code(), schema.err());
        assertEquals(ScenarioSchema.json(), schema.out());
        assertTrue(schema.out().contains("\"additionalProperties\" : false"));
        Outcome md = kgsim("schema", "--markdown");
        assertEquals(0, md.code(), md.err());
        assertEquals(ScenarioReference.markdown(), md.out());
    }
}
