package io.kgsim.report;

import io.kgsim.stats.RunFigures;
import io.kgsim.sweep.Axis;
import io.kgsim.sweep.PointStatistics;
import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sweep's charts and {@code report.html}: what was swept, the chosen figure against each varied
 * value and over the first two as heat maps, a table of the figure at every point for every
 * strategy, the runs that failed, and how to load runs.csv and cells.csv. Self-contained like
 * every kgsim page; the same statistics give the same bytes.
 */
public final class SweepReport {
    private static final String CSS = "td.best{background:#e3f4e3}td.tie{background:#f1f9f1}code{background:#f4f4f4;padding:0 .2em}pre{white-space:pre-wrap}\n";

    private SweepReport() {
    }

    /**
     * Writes the charts ({@code sweep-line-*}, {@code sweep-heat-*}, PNG and SVG) and
     * {@code report.html} into {@code staging}. A chart or the report that fails to render is
     * added to {@code failures} and the rest is still written; the report names a missing chart
     * in its place.
     *
     * @param points one per point of {@code plan}, in grid order
     * @param failedRuns the first runs that failed; {@code failedTotal} how many failed in all
     * @return the names of the files written
     */
    public static List<String> write(SweepPlan plan, List<PointStatistics> points, String metric, List<RunOutcome> failedRuns, long failedTotal,
            Path staging, List<OutputFailure> failures) throws IOException {
        if (points.size() != plan.points().size()) {
            throw new IllegalArgumentException("expected statistics of " + plan.points().size() + " points, got " + points.size());
        }
        SweepChartLayout layout = SweepChartLayout.of(plan);
        List<String> charts = SweepCharts.write(plan, points, metric, layout, staging, failures);
        List<String> files = new ArrayList<>();
        for (String c : charts) {
            files.add(c + ".png");
            files.add(c + ".svg");
        }
        Path report = staging.resolve("report.html");
        try {
            Files.writeString(report, html(plan, points, metric, failedRuns, failedTotal, layout, charts, staging, failures), StandardCharsets.UTF_8);
            files.add("report.html");
        } catch (IOException | RuntimeException e) {
            failures.add(new OutputFailure("report.html", e));
            Files.deleteIfExists(report);
        }
        return files;
    }

    static String html(SweepPlan plan, List<PointStatistics> points, String metric, List<RunOutcome> failedRuns, long failedTotal,
            SweepChartLayout layout, List<String> charts, Path chartDir, List<OutputFailure> failures) throws IOException {
        StringBuilder b = new StringBuilder();
        HtmlReport.head(b, "kgsim sweep: " + plan.name(), CSS);
        b.append("<h1>").append(HtmlReport.esc(plan.name())).append(": sweep</h1>\n");
        swept(b, plan, metric, failedTotal);
        b.append("<h2>").append(HtmlReport.esc(metric)).append(" against each varied value</h2>\n");
        notes(b, layout.lineNotes());
        for (SweepChartLayout.Spec spec : layout.lines()) {
            figure(b, spec, lineCaption(plan, metric, spec), charts, chartDir, failures);
        }
        b.append("<h2>Heat maps</h2>\n");
        notes(b, layout.heatNotes());
        double[] range = SweepCharts.heatRange(plan, points, metric, layout.heatMaps());
        for (SweepChartLayout.Spec spec : layout.heatMaps()) {
            figure(b, spec, heatCaption(plan, metric, spec, range), charts, chartDir, failures);
        }
        b.append("<h2>").append(HtmlReport.esc(metric)).append(" at every point</h2>\n");
        b.append("<p>Per point and strategy: the mean over the seeds (bold), its 95 % confidence interval (Student's t), the median and the "
                + "5th to 95th percentiles (R-7); n below the number of seeds where the figure is undefined in some runs or runs failed. ");
        b.append(ranked(metric) ? "<b>best</b> (green): the strategy the point's ranking puts first (Wilcoxon signed-rank test paired by seed, "
                + "Holm-corrected, p &lt; 0.05, then the lower mean); <i>tie</i> (pale green): a strategy no test separates from it.</p>\n"
                : "This figure describes the workload rather than judging a strategy: no strategy is marked best.</p>\n");
        SweepTable.metric(b, plan, points, metric);
        b.append("<h2>Failed runs</h2>\n");
        SweepTable.failedRuns(b, plan, failedRuns, failedTotal);
        data(b, plan, metric);
        HtmlReport.foot(b);
        return b.toString();
    }

    /** The scenario, the varied values, strategies, seeds, runs and failures. */
    private static void swept(StringBuilder b, SweepPlan plan, String metric, long failedTotal) {
        b.append("<p class=\"lead\">Scenario <code>").append(HtmlReport.esc(plan.source().scenarioFile())).append("</code>, ")
                .append(plan.axes().isEmpty() ? "nothing varied" : plan.axes().size() == 1 ? "one value varied" : plan.axes().size() + " values varied, crossed")
                .append(": ").append(count(plan.points().size(), "point")).append(" x ").append(count(plan.strategies().size(), "strateg"))
                .append(" x ").append(count(plan.seeds().size(), "seed")).append(" = ").append(count(plan.runs(), "run"))
                .append(failedTotal == 0 ? ", none failed" : String.format(Locale.ROOT, ", <span class=\"bad\">%,d failed</span>", failedTotal))
                .append(". The charts show <b>").append(HtmlReport.esc(metric)).append("</b>").append(ranked(metric) ? " (lower is better)" : "")
                .append(".</p>\n");
        b.append("<table id=\"swept\"><tr><th>varied value</th><th>values</th><th>charted as</th></tr>\n");
        for (Axis a : plan.axes()) {
            b.append("<tr><td class=\"l\"><code>").append(HtmlReport.esc(a.path())).append("</code></td><td class=\"l\">")
                    .append(HtmlReport.esc(String.join(", ", a.values()))).append("</td><td class=\"l\">")
                    .append(a.isNumeric() ? "numbers" + HtmlReport.esc(SweepCharts.unit(a)) : "categories").append("</td></tr>\n");
        }
        b.append("<tr><th>strategies</th><td class=\"l\" colspan=\"2\">").append(HtmlReport.esc(String.join(", ", plan.strategies())))
                .append("</td></tr>\n<tr><th>seeds</th><td class=\"l\" colspan=\"2\">").append(HtmlReport.esc(plan.seeds().text()))
                .append(" (every strategy at every point ran every seed, so the same seed gave the same workload)</td></tr>\n</table>\n");
    }

    private static void notes(StringBuilder b, List<String> notes) {
        for (String n : notes) {
            b.append("<p>").append(HtmlReport.esc(n)).append("</p>\n");
        }
    }

    /** The chart inline; where none was drawn because the figure is undefined throughout, a line saying so. */
    private static void figure(StringBuilder b, SweepChartLayout.Spec spec, String caption, List<String> charts, Path chartDir,
            List<OutputFailure> failures) throws IOException {
        if (charts.contains(spec.name()) || failures.stream().anyMatch(f -> f.isChart(spec.name()))) {
            HtmlReport.inlineSvg(b, chartDir.resolve(spec.name() + ".svg"), spec.name(), failures, caption);
        } else {
            b.append("<p id=\"chart-").append(HtmlReport.esc(spec.name())).append("\">No ").append(HtmlReport.esc(spec.name()))
                    .append(" chart: the figure is undefined at every point it would show.</p>\n");
        }
    }

    private static String lineCaption(SweepPlan plan, String metric, SweepChartLayout.Spec spec) {
        Axis axis = plan.axes().get(spec.axis());
        String fixed = SweepGrid.describe(plan.axes(), spec.choice());
        return "The mean " + metric + " over the seeds at each value of " + axis.path() + (axis.isNumeric() ? "" : " (in the sweep file's order)")
                + ", one line per strategy; the bars are the 95 % confidence interval of the mean (none where one run defined it)"
                + (fixed.isEmpty() ? "." : ". Held at " + fixed + ".");
    }

    private static String heatCaption(SweepPlan plan, String metric, SweepChartLayout.Spec spec, double[] range) {
        String fixed = SweepGrid.describe(plan.axes(), spec.choice());
        return "The mean " + metric + " over the seeds for " + plan.strategies().get(spec.strategy()) + ", per " + plan.axes().get(0).path()
                + " (across) and " + plan.axes().get(1).path() + " (up); blank where undefined. Colours run from " + SeedReport.num(range[0])
                + " (palest) to " + SeedReport.num(range[1]) + " (darkest) on every map"
                + (fixed.isEmpty() ? "." : ". Held at " + fixed + ".");
    }

    /** Where the numbers are, and the one line of pandas that tabulates the figure like the table above. */
    private static void data(StringBuilder b, SweepPlan plan, String metric) {
        b.append("<h2>Data</h2>\n<p><a href=\"runs.csv\">runs.csv</a>: one row per run (the varied values, strategy, seed, status, error, "
                + "every figure). <a href=\"cells.csv\">cells.csv</a>: one row per point, strategy and figure, with the statistics above. "
                + "In pandas:</p>\n<pre><code>");
        StringBuilder index = new StringBuilder();
        for (Axis a : plan.axes()) {
            index.append(index.length() == 0 ? "" : ", ").append('"').append(a.path().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        String py = "import pandas as pd; cells = pd.read_csv(\"cells.csv\"); "
                + (plan.axes().isEmpty() ? "print(cells[cells.metric == \"" + metric + "\"])"
                        : "print(cells[cells.metric == \"" + metric + "\"].pivot_table(index=[" + index + "], columns=\"strategy\", values=\"mean\"))");
        b.append(HtmlReport.esc(py)).append("</code></pre>\n");
    }

    /** {@code 1 point}, {@code 3 points}; a stem ending in "strateg" takes -y or -ies. */
    private static String count(long n, String stem) {
        String word = stem.endsWith("strateg") ? stem + (n == 1 ? "y" : "ies") : stem + (n == 1 ? "" : "s");
        return String.format(Locale.ROOT, "%,d %s", n, word);
    }

    private static boolean ranked(String metric) {
        return RunFigures.METRICS.get(RunFigures.index(metric)).lowerIsBetter();
    }
}
