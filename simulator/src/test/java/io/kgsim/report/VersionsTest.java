package io.kgsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kgsim.cli.Main;
import io.kgsim.testing.Runs;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * summary.json and {@code kgsim --version} name the pom's version and the kafka-clients version,
 * as Maven passes them to the tests: the filtered resource works outside a jar, where no
 * manifest exists, so the outputs of tests, IDE and jar are the same bytes.
 */
class VersionsTest {
    static final String POM_VERSION = System.getProperty("kgsim.pom.version");
    static final String KAFKA_VERSION = System.getProperty("kafka.pom.version");

    @Test
    void summaryRecordsWhatRan() throws Exception {
        assertNotNull(POM_VERSION, "surefire passes kgsim.pom.version");
        JsonNode summary = new ObjectMapper().readTree(SummaryJson.toJson(Runs.run("""
                name: v
                duration: 5s
                topics:
                  - name: t
                    partitions: 1
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 1
                """).result()));
        assertEquals(POM_VERSION, summary.get("kgsimVersion").asText());
        assertEquals(KAFKA_VERSION, summary.get("kafkaClientsVersion").asText());
    }

    @Test
    void versionOptionSaysTheSame() {
        StringWriter out = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "--version"));
        assertTrue(out.toString().contains("kgsim " + POM_VERSION + "\n"), out.toString());
        assertTrue(out.toString().contains("kafka-clients " + KAFKA_VERSION + "\n"), out.toString());
    }
}
