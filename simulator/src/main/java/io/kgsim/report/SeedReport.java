package io.kgsim.report;

import io.kgsim.scenario.Scenario;
import io.kgsim.stats.MetricStatistics;
import io.kgsim.stats.PairedTest;
import io.kgsim.stats.SampleSummary;
import io.kgsim.stats.SeedList;
import io.kgsim.stats.SeedStatistics;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.html} of {@code compare --seeds} and {@code run --seeds}: how the numbers were
 * made, a table per figure (each strategy's mean with its 95 % interval, median, 5th-95th
 * percentiles and rank, ties named), then the box plots. Self-contained like every kgsim page.
 */
public final class SeedReport {
    private SeedReport() {
    }

    public static String html(Scenario s, SeedList seeds, SeedStatistics stats, List<String> charts, Path chartDir,
            List<OutputFailure> failures) throws IOException {
        StringBuilder b = new StringBuilder();
        boolean several = stats.strategies().size() > 1;
        HtmlReport.head(b, "kgsim " + (several ? "compare" : "run") + " over seeds: " + s.name());
        b.append("<h1>").append(HtmlReport.esc(s.name())).append(several ? ": strategies compared over " : ": ")
                .append(seeds.size()).append(" seeds</h1>\n");
        if (!s.description().isEmpty()) {
            b.append("<p class=\"lead\">").append(HtmlReport.esc(s.description())).append("</p>\n");
        }
        b.append("<p>Seeds ").append(HtmlReport.esc(seeds.text())).append(several ? "; every strategy ran every seed, so the same seed gave each the same workload." : ".")
                .append(" Per figure: the mean (bold) and its 95 % confidence interval (Student's t), the median and the 5th to 95th percentiles (R-7)")
                .append(several ? ". Rank: 1 plus the number of strategies significantly better on that figure (Wilcoxon signed-rank test paired by seed, "
                        + "Holm-corrected across the pairs, p &lt; 0.05); strategies with the same rank that no test separates are named after it (= ...)."
                        : ".")
                .append(" n below the number of seeds: runs where the figure is undefined (no rebalance completed, no record processed).</p>\n");
        table(b, stats);
        b.append("<h2>Box plots</h2>\n<p>One box per strategy: the middle half of the seeds' values, the median as a line, whiskers to the furthest "
                + "value within 1.5 box heights, points beyond. Figures that took one value in every run have no plot.</p>\n");
        for (String chart : charts) {
            HtmlReport.inlineSvg(b, chartDir.resolve(chart + ".svg"), chart, failures,
                    "Each strategy's " + chart.substring("box-".length()) + " over the seeds.");
        }
        HtmlReport.foot(b);
        return b.toString();
    }

    private static void table(StringBuilder b, SeedStatistics stats) {
        b.append("<table id=\"statistics\"><tr><th>figure</th>");
        for (String st : stats.strategies()) {
            b.append("<th>").append(HtmlReport.esc(st)).append("</th>");
        }
        b.append("</tr>\n");
        for (MetricStatistics m : stats.metrics()) {
            b.append("<tr><th>").append(HtmlReport.esc(m.metric().name())).append("</th>");
            for (int s = 0; s < stats.strategies().size(); s++) {
                b.append("<td class=\"l\">").append(cell(stats, m, s)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private static String cell(SeedStatistics stats, MetricStatistics m, int s) {
        SampleSummary x = m.summaries().get(s);
        if (x.n() == 0) {
            return "undefined";
        }
        StringBuilder c = new StringBuilder();
        c.append("<b>").append(num(x.mean())).append("</b>");
        if (x.n() == 1) {
            c.append(" (one run: no interval)");
        } else if (x.sd() == 0) {
            c.append(" on every seed");
        } else {
            c.append("<br>95 % CI ").append(num(x.ciLow())).append(" to ").append(num(x.ciHigh()));
            c.append("<br>median ").append(num(x.median())).append("<br>5-95 %: ").append(num(x.p5())).append(" to ").append(num(x.p95()));
        }
        if (x.n() < stats.seeds().size()) {
            c.append("<br>n = ").append(x.n());
        }
        MetricStatistics.Place p = m.place(s);
        if (p != null && stats.strategies().size() > 1) {
            c.append(p.rank() == 1 ? "<br><b>rank 1</b>" : "<br>rank " + p.rank());
            List<String> same = p.indistinguishableFrom().stream().filter(o -> m.place(o) != null && m.place(o).rank() == p.rank())
                    .filter(o -> m.pair(s, o).test().method() != PairedTest.Method.NO_PAIRS).map(stats.strategies()::get).toList();
            if (!same.isEmpty()) {
                c.append(" (= ").append(HtmlReport.esc(String.join(", ", same))).append(')');
            }
        }
        return c.toString();
    }

    /** Four significant digits, thousands separated, never scientific. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(4));
        return d.abs().compareTo(BigDecimal.valueOf(1000)) >= 0 ? String.format(Locale.ROOT, "%,d", d.longValue()) : d.toPlainString();
    }
}
