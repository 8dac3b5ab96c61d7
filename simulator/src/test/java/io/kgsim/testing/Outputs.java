package io.kgsim.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kgsim.report.Charts;
import io.kgsim.report.HtmlReport;
import io.kgsim.scenario.Scenario;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Checks that a run directory holds every output, each non-empty and readable as its format. */
public final class Outputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Outputs() {
    }

    public static void check(Path dir, Scenario s) throws IOException {
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        assertEquals(s.name(), summary.get("scenario").asText());
        assertEquals(s.groups().size(), summary.get("groups").size(), "one summary per group");
        try (BufferedReader trace = Files.newBufferedReader(dir.resolve("trace.jsonl"))) {
            long lines = 0;
            for (String line = trace.readLine(); line != null; line = trace.readLine()) {
                assertTrue(JSON.readTree(line).has("event"), "trace line " + lines);
                lines++;
            }
            assertTrue(lines > 0, "trace.jsonl has events");
        }
        for (String csv : List.of("timeseries.csv", "partition-lag.csv")) {
            List<String> lines = Files.readAllLines(dir.resolve(csv));
            assertTrue(lines.size() > 1, csv + " has a header and rows");
            int columns = lines.get(0).split(",", -1).length;
            for (String line : lines) {
                assertEquals(columns, line.split(",", -1).length, csv + ": " + line);
            }
        }
        for (String chart : HtmlReport.RUN_CHARTS) {
            BufferedImage png = ImageIO.read(dir.resolve(chart + ".png").toFile());
            assertNotNull(png, chart + ".png is a PNG");
            assertEquals(Charts.WIDTH, png.getWidth(), chart);
            assertEquals(Charts.HEIGHT, png.getHeight(), chart);
            String svg = Files.readString(dir.resolve(chart + ".svg"));
            assertTrue(svg.contains("<svg") && svg.strip().endsWith("</svg>"), chart + ".svg is whole");
        }
        String report = Files.readString(dir.resolve("report.html"));
        assertTrue(report.strip().endsWith("</html>"), "report.html is whole");
        assertFalse(report.contains("<script") || report.contains("could not be drawn"), "no script, every chart drawn");
        for (String chart : HtmlReport.RUN_CHARTS) {
            assertTrue(report.contains("<figure id=\"chart-" + chart + "\">\n<svg"), chart + " inline in report.html");
        }
    }
}
