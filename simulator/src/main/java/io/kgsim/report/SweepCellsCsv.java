package io.kgsim.report;

import static io.kgsim.report.CsvTable.column;

import io.kgsim.report.CsvTable.Column;
import io.kgsim.stats.MetricStatistics;
import io.kgsim.stats.RunFigures;
import io.kgsim.stats.SampleSummary;
import io.kgsim.sweep.PointStatistics;
import io.kgsim.sweep.SweepPlan;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A sweep's {@code cells.csv}, tidy: one row per point, strategy and figure (points in grid
 * order, strategies in the order given, figures in {@link RunFigures#METRICS}' order): one column
 * per varied parameter, {@code strategy}, {@code metric}, then over the point's seeds the
 * statistics {@code compare --seeds} gives ({@code n} figures defined, {@code failed} runs,
 * {@code mean}, {@code sd}, {@code median}, {@code p5}, {@code p95}, {@code ci95Low},
 * {@code ci95High}, rounded to 6 significant digits as comparison.json rounds them), the
 * strategy's {@code rank} among the point's strategies and the strategies it is
 * {@code indistinguishableFrom} (joined by {@code ;}). Empty where undefined; rank is empty for
 * the figures that describe the workload rather than judge a strategy.
 */
public final class SweepCellsCsv {
    private static final MathContext SIGNIFICANT = new MathContext(6);

    /** One row: a point's statistics, one of its strategies and one figure. */
    public record Row(SweepPlan plan, PointStatistics point, int strategy, int metric) {
        MetricStatistics statistics() {
            return point.stats().metrics().get(metric);
        }

        SampleSummary summary() {
            return statistics().summaries().get(strategy);
        }

        MetricStatistics.Place place() {
            return statistics().place(strategy);
        }
    }

    private SweepCellsCsv() {
    }

    public static CsvTable<Row> table(SweepPlan plan) {
        List<Column<Row>> columns = new ArrayList<>();
        SweepRunsCsv.addAxisColumns(columns, plan.axes(), r -> r.point().point().values());
        columns.add(column("strategy", r -> r.plan().strategies().get(r.strategy())));
        columns.add(column("metric", r -> RunFigures.METRICS.get(r.metric()).name()));
        columns.add(column("n", r -> r.summary().n()));
        columns.add(column("failed", r -> r.point().failed()[r.strategy()]));
        columns.add(statistic("mean", SampleSummary::mean));
        columns.add(statistic("sd", SampleSummary::sd));
        columns.add(statistic("median", SampleSummary::median));
        columns.add(statistic("p5", SampleSummary::p5));
        columns.add(statistic("p95", SampleSummary::p95));
        columns.add(statistic("ci95Low", SampleSummary::ciLow));
        columns.add(statistic("ci95High", SampleSummary::ciHigh));
        columns.add(column("rank", r -> r.place() == null ? null : r.place().rank()));
        columns.add(column("indistinguishableFrom", SweepCellsCsv::indistinguishable));
        return new CsvTable<>(columns);
    }

    private static Column<Row> statistic(String name, Function<SampleSummary, Double> value) {
        return column(name, r -> significant(value.apply(r.summary())));
    }

    private static String indistinguishable(Row r) {
        MetricStatistics.Place p = r.place();
        if (p == null || p.indistinguishableFrom().isEmpty()) {
            return null;
        }
        List<String> names = p.indistinguishableFrom().stream().map(i -> r.plan().strategies().get(i)).toList();
        return String.join(";", names);
    }

    /** The header line alone. */
    public static void writeHeader(SweepPlan plan, Writer out) throws IOException {
        table(plan).open(out).close();
    }

    /** One point's rows, without the header: strategy by strategy, figure by figure. */
    public static void writePoint(SweepPlan plan, PointStatistics point, Writer out) throws IOException {
        try (CsvTable.Rows<Row> csv = table(plan).openWithoutHeader(out)) {
            for (int s = 0; s < plan.strategies().size(); s++) {
                for (int m = 0; m < RunFigures.METRICS.size(); m++) {
                    csv.write(new Row(plan, point, s, m));
                }
            }
        }
    }

    /** 6 significant digits, plain; a whole number as an integer; null (empty) when undefined. */
    static String significant(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
    }
}
