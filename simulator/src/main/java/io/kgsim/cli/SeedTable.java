package io.kgsim.cli;

import io.kgsim.stats.MetricStatistics;
import io.kgsim.stats.SampleSummary;
import io.kgsim.stats.SeedStatistics;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/** The terminal's view of statistics over seeds: per headline figure and strategy, mean +- interval half-width and rank. */
final class SeedTable {
    /** The figures compare's single-seed ranking starts with, and rebalances. */
    static final List<String> HEADLINE = List.of("unownedPartitionMs", "recordsDuplicated", "maxLag", "partitionMovements",
            "imbalance.maxOverMeanLoad", "rebalances");

    private SeedTable() {
    }

    static void print(PrintWriter out, SeedStatistics stats) {
        boolean several = stats.strategies().size() > 1;
        out.println();
        out.printf("  mean +- 95%% interval half-width over %d seeds%s%n", stats.seeds().size(),
                several ? "; #rank: 1 + strategies significantly better (paired Wilcoxon, Holm, p < 0.05), shared = indistinguishable" : "");
        out.printf("  %-24s", "figure");
        for (String s : stats.strategies()) {
            out.printf(" %24s", s.length() > 24 ? s.substring(s.length() - 24) : s);
        }
        out.println();
        for (String name : HEADLINE) {
            MetricStatistics m = stats.metric(name);
            out.printf("  %-24s", name);
            for (int s = 0; s < stats.strategies().size(); s++) {
                MetricStatistics.Place p = m.place(s);
                out.printf(" %24s", cell(m.summaries().get(s)) + (several && p != null ? " #" + p.rank() : ""));
            }
            out.println();
        }
        out.println();
    }

    private static String cell(SampleSummary x) {
        if (x.n() == 0) {
            return "-";
        }
        return x.n() == 1 || Double.isNaN(x.ciHalfWidth()) ? num(x.mean()) : num(x.mean()) + " +- " + num(x.ciHalfWidth());
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return new BigDecimal(v).round(new MathContext(4)).toPlainString();
    }
}
