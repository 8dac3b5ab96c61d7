package io.kgsim.report;

import static io.kgsim.report.CsvTable.column;

import io.kgsim.report.CsvTable.Column;
import io.kgsim.stats.RunFigures;
import io.kgsim.sweep.Axis;
import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.sweep.SweepRun;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sweep's {@code runs.csv}: one row per run, in run order (point by point, strategy by
 * strategy, seed by seed): one column per varied parameter (headed by its path), then
 * {@code strategy}, {@code seed}, {@code status}, {@code error} and every figure of
 * {@link RunFigures#METRICS} in that order, written as the run's {@code summary.json} writes it
 * (integers as integers, milliseconds in their shortest decimal form, the two imbalance ratios with
 * 4 decimals), empty where summary.json has null. The rows are written a point at a time; the
 * caller puts them in run order, so the file is the same bytes whoever ran the runs and when.
 */
public final class SweepRunsCsv {
    /** The figures summary.json writes with exactly 4 decimals ({@code putRatio}). */
    private static final List<String> RATIOS = List.of("imbalance.maxOverMeanLoad", "imbalance.partitionCountSpread");

    /** One row: the run, what it left, and the plan that names its point and strategy. */
    public record Row(SweepPlan plan, SweepRun run, RunOutcome outcome) {
    }

    private SweepRunsCsv() {
    }

    /** The columns for {@code plan}'s axes. */
    public static CsvTable<Row> table(SweepPlan plan) {
        List<Column<Row>> columns = new ArrayList<>();
        addAxisColumns(columns, plan.axes(), r -> r.plan().points().get(r.run().point()).values());
        columns.add(column("strategy", r -> r.plan().strategies().get(r.run().strategy())));
        columns.add(column("seed", r -> r.run().seed()));
        columns.add(column("status", r -> status(r.outcome().status())));
        columns.add(column("error", r -> r.outcome().error()));
        for (int m = 0; m < RunFigures.METRICS.size(); m++) {
            int metric = m;
            columns.add(column(RunFigures.METRICS.get(m).name(), r -> figure(metric, r.outcome().figures().value(metric))));
        }
        return new CsvTable<>(columns);
    }

    /**
     * One column per varied parameter, headed by its path, holding its value as written; beside
     * one whose values carry a unit ({@code 30s}, {@code 500/s}, which load in pandas as text and
     * sort 1000/s before 500/s) a second holding them as numbers ({@link #numberColumn}).
     */
    static <R> void addAxisColumns(List<Column<R>> columns, List<Axis> axes, java.util.function.Function<R, List<String>> values) {
        for (int a = 0; a < axes.size(); a++) {
            int axis = a;
            Axis x = axes.get(a);
            columns.add(column(x.path(), r -> values.apply(r).get(axis)));
            if (!x.unit().isEmpty()) {
                columns.add(column(numberColumn(x), r -> x.numberText(x.values().indexOf(values.apply(r).get(axis)))));
            }
        }
    }

    /** The column beside an axis whose values carry a unit, holding them as numbers: {@code timeline[0].at (ms)}. */
    public static String numberColumn(Axis axis) {
        return axis.path() + " (" + axis.unit() + ")";
    }

    /** The header line alone, as {@code table(plan)} writes it. */
    public static void writeHeader(SweepPlan plan, Writer out) throws IOException {
        table(plan).open(out).close();
    }

    /** Rows without the header: one point's runs appended to a file begun by {@link #writeHeader}. */
    public static void writeRows(SweepPlan plan, List<Row> rows, Writer out) throws IOException {
        try (CsvTable.Rows<Row> csv = table(plan).openWithoutHeader(out)) {
            for (Row r : rows) {
                csv.write(r);
            }
        }
    }

    /** How runs.csv (and a report) words a status. */
    public static String status(RunOutcome.Status s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Figure {@code metric}'s value as summary.json writes it; null (an empty cell) when undefined. */
    static String figure(int metric, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        if (RATIOS.contains(RunFigures.METRICS.get(metric).name())) {
            return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).toPlainString();
    }
}
