package io.kgsim.report;

import io.kgsim.stats.MetricStatistics;
import io.kgsim.stats.PairedTest;
import io.kgsim.stats.SampleSummary;
import io.kgsim.sweep.Axis;
import io.kgsim.sweep.PointStatistics;
import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.sweep.SweepRun;
import java.util.List;
import java.util.Locale;

/**
 * The tables of a sweep's report: the figure at every point for every strategy (mean with its
 * interval, median, 5th-95th percentiles; the best strategy of the point and those no test
 * separates from it marked), and the runs that failed.
 */
final class SweepTable {
    /** Past this many points the table is too long to read; cells.csv holds them all. */
    static final int POINTS = 500;

    private SweepTable() {
    }

    static void metric(StringBuilder b, SweepPlan plan, List<PointStatistics> points, String metric) {
        b.append("<table id=\"points\"><tr>");
        for (Axis a : plan.axes()) {
            b.append("<th>").append(HtmlReport.esc(a.path())).append("</th>");
        }
        for (String s : plan.strategies()) {
            b.append("<th>").append(HtmlReport.esc(s)).append("</th>");
        }
        b.append("</tr>\n");
        for (PointStatistics p : points.subList(0, Math.min(POINTS, points.size()))) {
            b.append("<tr>");
            for (String v : p.point().values()) {
                b.append("<td>").append(HtmlReport.esc(v)).append("</td>");
            }
            MetricStatistics m = p.stats().metric(metric);
            for (int s = 0; s < plan.strategies().size(); s++) {
                String mark = mark(m, s, plan.strategies().size());
                b.append("<td class=\"l").append(mark.isEmpty() ? "" : " " + mark).append("\">").append(cell(plan, p, m, s, mark)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
        if (points.size() > POINTS) {
            b.append(String.format(Locale.ROOT, "<p>The first %,d points of %,d; cells.csv holds every one.</p>%n", POINTS, points.size()));
        }
    }

    /**
     * "best" for the strategy the point's ranking puts first, "tie" for the others of rank 1 that
     * no test separates from it, "" otherwise (and always with one strategy, or for a figure that
     * is not ranked because it describes the workload).
     */
    static String mark(MetricStatistics m, int s, int strategies) {
        if (strategies < 2 || m.ranking().isEmpty()) {
            return "";
        }
        int best = m.ranking().get(0).strategy();
        if (s == best) {
            return "best";
        }
        MetricStatistics.Place p = m.place(s);
        boolean tie = p != null && p.rank() == 1 && p.indistinguishableFrom().contains(best)
                && m.pair(s, best).test().method() != PairedTest.Method.NO_PAIRS;
        return tie ? "tie" : "";
    }

    private static String cell(SweepPlan plan, PointStatistics p, MetricStatistics m, int s, String mark) {
        SampleSummary x = m.summaries().get(s);
        StringBuilder c = new StringBuilder();
        if (x.n() == 0) {
            c.append("undefined");
        } else {
            c.append("<b>").append(SeedReport.num(x.mean())).append("</b>");
            if (x.n() == 1) {
                c.append(" (one run: no interval)");
            } else if (x.sd() == 0) {
                c.append(" on every seed");
            } else {
                c.append("<br>95 % CI ").append(SeedReport.num(x.ciLow())).append(" to ").append(SeedReport.num(x.ciHigh()));
                c.append("<br>median ").append(SeedReport.num(x.median())).append("<br>5-95 %: ").append(SeedReport.num(x.p5()))
                        .append(" to ").append(SeedReport.num(x.p95()));
            }
            if (x.n() < plan.seeds().size()) {
                c.append("<br>n = ").append(x.n());
            }
        }
        if (p.failed()[s] > 0) {
            c.append("<br><span class=\"bad\">").append(p.failed()[s]).append(" failed</span>");
        }
        if (mark.equals("best")) {
            c.append("<br><b>best</b>");
        } else if (mark.equals("tie")) {
            c.append("<br>tie with ").append(HtmlReport.esc(plan.strategies().get(m.ranking().get(0).strategy())));
        }
        return c.toString();
    }

    /** The first failed runs, with their point's values, strategy, seed and error, and how many failed in all. */
    static void failedRuns(StringBuilder b, SweepPlan plan, List<RunOutcome> failedRuns, long failedTotal) {
        if (failedTotal == 0) {
            b.append("<p>No run failed.</p>\n");
            return;
        }
        b.append(String.format(Locale.ROOT, "<p class=\"bad\">%,d of the %,d runs failed%s. runs.csv lists every run with its status and error.</p>%n",
                failedTotal, plan.runs(), failedRuns.size() < failedTotal ? String.format(Locale.ROOT, "; the first %,d are listed", failedRuns.size()) : ""));
        b.append("<table id=\"failed\"><tr><th>run</th>");
        for (Axis a : plan.axes()) {
            b.append("<th>").append(HtmlReport.esc(a.path())).append("</th>");
        }
        b.append("<th>strategy</th><th>seed</th><th>status</th><th>error</th></tr>\n");
        for (RunOutcome o : failedRuns) {
            SweepRun r = plan.run(o.index());
            b.append("<tr><td>").append(o.index()).append("</td>");
            for (String v : plan.points().get(r.point()).values()) {
                b.append("<td>").append(HtmlReport.esc(v)).append("</td>");
            }
            b.append("<td class=\"l\">").append(HtmlReport.esc(plan.strategies().get(r.strategy()))).append("</td><td>").append(r.seed())
                    .append("</td><td class=\"l\">").append(SweepRunsCsv.status(o.status())).append("</td><td class=\"l\">")
                    .append(HtmlReport.esc(o.error() == null ? "" : o.error())).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }
}
