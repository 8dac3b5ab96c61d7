package io.kgsim.stats;

import io.kgsim.metrics.LatencyHistogram;
import io.kgsim.metrics.RebalanceDurationStats;
import io.kgsim.sim.RunResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One run's numeric summary figures, flat, in {@link #METRICS}' order: what statistics over seeds
 * (and a sweep's rows) are computed from. Each value is the number {@code summary.json} writes
 * for that run (durations in ms rounded to the microsecond, ratios to 4 decimals), so a figure
 * recomputed from a kept run's summary is the same number. NaN where {@code summary.json} writes
 * null (no rebalance completed, no record processed, imbalance never defined).
 */
public record RunFigures(long seed, String strategy, double[] values) {
    /** Every figure, in the order summary.json lists them; one definition for every output that lists figures. */
    public static final List<Metric> METRICS = List.of(
            new Metric("rebalances", true),
            new Metric("rebalanceDurationMs.p50", true),
            new Metric("rebalanceDurationMs.p95", true),
            new Metric("rebalanceDurationMs.max", true),
            new Metric("partitionMovements", true),
            new Metric("unownedPartitionMs", true),
            new Metric("recordsProduced", false),
            new Metric("recordsConsumed", false),
            new Metric("recordsDuplicated", true),
            new Metric("recordsLost", true),
            new Metric("maxLag", true),
            new Metric("recordLatencyMs.p50", true),
            new Metric("recordLatencyMs.p99", true),
            new Metric("recordLatencyMs.max", true),
            new Metric("imbalance.maxOverMeanLoad", true),
            new Metric("imbalance.partitionCountSpread", true),
            new Metric("crossRackBytes", true),
            new Metric("invariantViolations", true),
            new Metric("strandedPartitions", true),
            new Metric("staleReconciliations", true),
            new Metric("staleReconciliationMs", true));

    /** How each figure is read off a run, in {@link #METRICS}' order. */
    private static final List<ToDoubleFunction<RunResult>> READERS = List.of(
            RunResult::rebalances,
            r -> msOrNaN(r.rebalanceDurations().p50Us()),
            r -> msOrNaN(r.rebalanceDurations().p95Us()),
            r -> maxMs(r.rebalanceDurations()),
            RunResult::partitionMovements,
            r -> r.unownedPartitionUs() / 1000.0,
            RunResult::recordsProduced,
            RunResult::recordsConsumed,
            RunResult::recordsDuplicated,
            RunResult::recordsLost,
            RunResult::maxLag,
            r -> latencyMs(r.recordLatency(), 0.50),
            r -> latencyMs(r.recordLatency(), 0.99),
            r -> latencyMs(r.recordLatency(), 1.0),
            r -> ratio(r.maxOverMeanLoad()),
            r -> ratio(r.partitionCountSpread()),
            RunResult::crossRackBytes,
            RunResult::invariantViolations,
            RunResult::strandedPartitions,
            RunResult::staleReconciliations,
            r -> r.staleReconciliationUs() / 1000.0);

    public RunFigures {
        if (values.length != METRICS.size()) {
            throw new IllegalArgumentException("expected " + METRICS.size() + " figures, got " + values.length);
        }
        values = values.clone();
    }

    /** The figures of a finished run; {@code strategy} names it in a comparison (the name the user gave). */
    public static RunFigures of(long seed, String strategy, RunResult r) {
        double[] v = new double[METRICS.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = READERS.get(i).applyAsDouble(r);
        }
        return new RunFigures(seed, strategy, v);
    }

    /** The position of the figure called {@code name} in {@link #METRICS}. */
    public static int index(String name) {
        for (int i = 0; i < METRICS.size(); i++) {
            if (METRICS.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no figure called " + name);
    }

    /** The figure at {@code index} in {@link #METRICS}; NaN when undefined for this run. */
    public double value(int index) {
        return values[index];
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunFigures f && f.seed == seed && f.strategy.equals(strategy) && Arrays.equals(f.values, values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seed) * 31 + strategy.hashCode() * 17 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "RunFigures[seed=" + seed + ", strategy=" + strategy + ", values=" + Arrays.toString(values) + "]";
    }

    /** Microseconds rounded to the microsecond, in ms, as summary.json's {@code putMs}. */
    private static double msOrNaN(double us) {
        return Double.isNaN(us) ? Double.NaN : Math.round(us) / 1000.0;
    }

    private static double maxMs(RebalanceDurationStats d) {
        return d.maxUs() < 0 ? Double.NaN : d.maxUs() / 1000.0;
    }

    private static double latencyMs(LatencyHistogram h, double quantile) {
        if (h.count() == 0) {
            return Double.NaN;
        }
        return msOrNaN(quantile == 1.0 ? h.max() : h.percentile(quantile));
    }

    /** A ratio rounded to 4 decimals, half-even, as summary.json writes it. */
    private static double ratio(double v) {
        return Double.isNaN(v) ? Double.NaN : BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
    }
}
