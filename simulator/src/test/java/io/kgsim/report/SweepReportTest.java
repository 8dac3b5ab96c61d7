package io.kgsim.report;

import static io.kgsim.report.SweepFixture.category;
import static io.kgsim.report.SweepFixture.numeric;
import static io.kgsim.report.SweepFixture.plan;
import static io.kgsim.report.SweepFixture.stats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.stats.MetricStatistics;
import io.kgsim.sweep.PointStatistics;
import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.sweep.SweepRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's report.html: it says what was swept, inlines every chart, tabulates the figure per
 * point and strategy with the best and its ties marked as the ranking decides, lists the failed
 * runs and their total, links the CSVs; the same inputs give the same bytes, and a chart that
 * fails costs that chart only.
 */
class SweepReportTest {
    @TempDir
    Path tmp;

    @AfterEach
    void restore() {
        SweepCharts.saver = ChartStyle::save;
    }

    /** Two axes (2 x 2), three strategies, eight seeds: a is best everywhere, c ties with it, b is far worse. */
    private static SweepPlan timeouts() throws Exception {
        return plan("timeouts", List.of(numeric("groups[g].config.session.timeout.ms", "10s", "45s"), category("groups[g].config.group.protocol",
                "classic", "consumer")), List.of("a", "b", "c"), "8", "unownedPartitionMs");
    }

    private static double figure(int point, int strategy, long seed) {
        double base = 1000.0 * (point + 1) + seed;
        return switch (strategy) {
            case 0 -> base;
            case 1 -> base + 500;
            default -> base + (seed % 2 == 0 ? 1 : -0.5); // no test tells it from a; its mean is a little higher
        };
    }

    private List<String> write(Path dir, SweepPlan plan, List<PointStatistics> points, String metric, List<RunOutcome> failed, long total,
            List<OutputFailure> failures) throws Exception {
        Files.createDirectories(dir);
        return SweepReport.write(plan, points, metric, failed, total, dir, failures);
    }

    @Test
    void theReportSaysWhatWasSweptAndInlinesEveryChart() throws Exception {
        SweepPlan plan = timeouts();
        List<OutputFailure> failures = new ArrayList<>();
        List<String> files = write(tmp, plan, stats(plan, "unownedPartitionMs", SweepReportTest::figure, false), "unownedPartitionMs", List.of(), 0,
                failures);
        assertTrue(failures.isEmpty(), failures.toString());
        // Two line charts (2 values of the other axis each), three heat maps (one per strategy): PNG and SVG.
        assertEquals(List.of("sweep-line-1-1", "sweep-line-1-2", "sweep-line-2-1", "sweep-line-2-2", "sweep-heat-a", "sweep-heat-b", "sweep-heat-c"),
                files.stream().filter(f -> f.endsWith(".svg")).map(f -> f.replace(".svg", "")).toList());
        assertEquals("report.html", files.get(files.size() - 1));
        for (String f : files) {
            assertTrue(Files.size(tmp.resolve(f)) > 0, f);
        }
        String html = Files.readString(tmp.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<title>kgsim sweep: timeouts</title>"), "titled with the sweep's name");
        assertTrue(html.contains("4 points x 3 strategies x 8 seeds = 96 runs, none failed"), html);
        assertTrue(html.contains("<code>groups[g].config.session.timeout.ms</code></td><td class=\"l\">10s, 45s</td><td class=\"l\">numbers (ms)"));
        assertTrue(html.contains("classic, consumer</td><td class=\"l\">categories"));
        for (String f : files.stream().filter(f -> f.endsWith(".svg")).toList()) {
            assertTrue(html.contains("<figure id=\"chart-" + f.replace(".svg", "") + "\">\n<svg"), f + " inline");
        }
        assertTrue(html.contains("Held at groups[g].config.group.protocol = consumer."), "a small multiple names the values it holds");
        // a's lowest mean is 1000 + 4.5 at the first point, b's highest 4000 + 500 + 4.5.
        assertTrue(html.contains("Colours run from 1,005 (palest) to 4,505 (darkest) on every map."), "the heat maps' one scale");
        assertTrue(html.contains("<a href=\"runs.csv\">runs.csv</a>") && html.contains("<a href=\"cells.csv\">cells.csv</a>"));
        assertTrue(html.contains("pd.read_csv(&quot;cells.csv&quot;)") && html.contains("index=[&quot;groups[g].config.session.timeout.ms&quot;, "
                + "&quot;groups[g].config.group.protocol&quot;]"), "one line of pandas that tabulates the figure");
        assertFalse(html.contains("NaN") || html.contains("<script") || html.contains("<link") || html.contains(" src="), "no NaN, nothing fetched");
    }

    @Test
    void theTableMarksThePointsBestStrategyAndTheOnesNoTestSeparatesFromIt() throws Exception {
        SweepPlan plan = timeouts();
        List<PointStatistics> points = stats(plan, "unownedPartitionMs", SweepReportTest::figure, false);
        MetricStatistics m = points.get(0).stats().metric("unownedPartitionMs");
        assertEquals(List.of("best", "", "tie"), List.of(SweepTable.mark(m, 0, 3), SweepTable.mark(m, 1, 3), SweepTable.mark(m, 2, 3)));

        write(tmp, plan, points, "unownedPartitionMs", List.of(), 0, new ArrayList<>());
        String html = Files.readString(tmp.resolve("report.html"), StandardCharsets.UTF_8);
        List<String> rows = rows(html, "points");
        assertEquals(4, rows.size(), "one row per point");
        // Point 0: a's mean is 1000 + 4.5 (four significant digits: 1,005), b's 500 more, c's 0.25 more than a's.
        Matcher cells = Pattern.compile("<td class=\"l( best| tie)?\">(.*?)</td>").matcher(rows.get(0));
        List<String> marks = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        while (cells.find()) {
            marks.add(cells.group(1) == null ? "" : cells.group(1).trim());
            texts.add(cells.group(2));
        }
        assertEquals(List.of("best", "", "tie"), marks);
        assertTrue(texts.get(0).startsWith("<b>1,005</b><br>95 % CI ") && texts.get(0).endsWith("<b>best</b>"), texts.get(0));
        assertTrue(texts.get(2).endsWith("tie with a"), texts.get(2));
        assertTrue(rows.get(0).startsWith("<tr><td>10s</td><td>classic</td>"), rows.get(0));
    }

    @Test
    void aFigureThatDescribesTheWorkloadMarksNoBest() throws Exception {
        SweepPlan plan = timeouts();
        write(tmp, plan, stats(plan, "recordsProduced", SweepReportTest::figure, false), "recordsProduced", List.of(), 0, new ArrayList<>());
        String html = Files.readString(tmp.resolve("report.html"), StandardCharsets.UTF_8);
        assertFalse(html.contains("class=\"l best\"") || html.contains("class=\"l tie\""));
        assertTrue(html.contains("no strategy is marked best"));
    }

    @Test
    void theReportListsTheFirstFailedRunsWithTheirValuesAndTheTotal() throws Exception {
        SweepPlan plan = timeouts();
        // Every run of b at the last point failed: 8 runs; the driver hands the first two.
        int lastPoint = plan.points().size() - 1;
        List<PointStatistics> points = stats(plan, "unownedPartitionMs", (p, s, seed) -> p == lastPoint && s == 1 ? Double.NaN : figure(p, s, seed), true);
        long first = (long) lastPoint * plan.runsPerPoint() + plan.seeds().size();
        SweepRun run = plan.run(first);
        assertEquals(1, run.strategy());
        List<RunOutcome> failed = List.of(RunOutcome.failed(first, run.seed(), "b", "member c1 stuck at 12.000 s <boom>"),
                RunOutcome.failed(first + 1, run.seed() + 1, "b", "again"));
        write(tmp, plan, points, "unownedPartitionMs", failed, 8, new ArrayList<>());
        String html = Files.readString(tmp.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("8 of the 96 runs failed; the first 2 are listed"), html);
        assertTrue(html.contains(", <span class=\"bad\">8 failed</span>."), "the heading counts them too");
        List<String> rows = rows(html, "failed");
        assertEquals(2, rows.size());
        assertEquals("<tr><td>" + first + "</td><td>45s</td><td>consumer</td><td class=\"l\">b</td><td>1</td><td class=\"l\">failed</td>"
                + "<td class=\"l\">member c1 stuck at 12.000 s &lt;boom&gt;</td></tr>", rows.get(0));
        assertTrue(rows(html, "points").get(lastPoint).contains("undefined<br><span class=\"bad\">8 failed</span>"), "the cell says its runs failed");
    }

    @Test
    void theSameInputsGiveTheSameBytesWhateverTheLocale() throws Exception {
        SweepPlan plan = timeouts();
        List<PointStatistics> points = stats(plan, "unownedPartitionMs", SweepReportTest::figure, false);
        List<String> one = write(tmp.resolve("one"), plan, points, "unownedPartitionMs", List.of(), 0, new ArrayList<>());
        // Statistics rebuilt from the same figures (new objects, new identity hashes), on a machine
        // that writes numbers the German way: the same charts and page.
        Locale before = Locale.getDefault();
        List<String> two;
        try {
            Locale.setDefault(Locale.GERMANY);
            two = write(tmp.resolve("two"), timeouts(), stats(plan, "unownedPartitionMs", SweepReportTest::figure, false), "unownedPartitionMs",
                    List.of(), 0, new ArrayList<>());
        } finally {
            Locale.setDefault(before);
        }
        assertEquals(one, two);
        try (Stream<Path> files = Files.list(tmp.resolve("one"))) {
            assertEquals(one.stream().sorted().toList(), files.map(p -> p.getFileName().toString()).sorted().toList(), "every file written is named");
        }
        for (String f : one) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("one").resolve(f)), Files.readAllBytes(tmp.resolve("two").resolve(f)), f);
        }
        String svg = Files.readString(tmp.resolve("one/sweep-heat-a.svg"));
        assertFalse(Pattern.compile("clip\\d{4,}").matcher(svg).find(), "clip paths renumbered, not identity hashes");
    }

    @Test
    void aChartThatFailsCostsThatChartOnlyAndTheReportSaysSo() throws Exception {
        SweepCharts.saver = (chart, dir, name) -> {
            if (name.equals("sweep-heat-b")) {
                Files.writeString(dir.resolve(name + ".png"), "half");
                throw new ArrayIndexOutOfBoundsException("Index 1 out of bounds for length 1");
            }
            ChartStyle.save(chart, dir, name);
        };
        SweepPlan plan = timeouts();
        List<OutputFailure> failures = new ArrayList<>();
        List<String> files = write(tmp, plan, stats(plan, "unownedPartitionMs", SweepReportTest::figure, false), "unownedPartitionMs", List.of(), 0,
                failures);
        assertEquals(List.of("sweep-heat-b chart"), failures.stream().map(OutputFailure::output).toList());
        assertFalse(Files.exists(tmp.resolve("sweep-heat-b.png")), "no half-written chart left");
        assertFalse(files.contains("sweep-heat-b.png") || files.contains("sweep-heat-b.svg"));
        assertTrue(files.contains("sweep-heat-c.svg") && files.contains("report.html"));
        String html = Files.readString(tmp.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("The sweep-heat-b chart could not be drawn: ArrayIndexOutOfBoundsException: Index 1 out of bounds for length 1."));
    }

    @Test
    void aSweepThatVariesNothingStillReportsItsOnePoint() throws Exception {
        SweepPlan plan = plan("flat", List.of(), List.of("range", "sticky"), "3", "maxLag");
        List<String> files = write(tmp, plan, stats(plan, "maxLag", (p, s, seed) -> 10.0 * s + seed, false), "maxLag", List.of(), 0, new ArrayList<>());
        assertEquals(List.of("report.html"), files, "no chart: there is nothing to chart against");
        String html = Files.readString(tmp.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("nothing varied: 1 point x 2 strategies x 3 seeds = 6 runs") && html.contains("this sweep varies none."), html);
        assertEquals(1, rows(html, "points").size());
    }

    /** The rows of the table with this id, header left out. */
    private static List<String> rows(String html, String id) {
        int start = html.indexOf("<table id=\"" + id + "\">");
        assertTrue(start >= 0, "table " + id);
        String table = html.substring(start, html.indexOf("</table>", start));
        List<String> rows = new ArrayList<>(List.of(table.split("\n")));
        rows.remove(0);
        return rows;
    }
}
