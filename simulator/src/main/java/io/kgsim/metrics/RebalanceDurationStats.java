package io.kgsim.metrics;

import java.util.List;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Completed rebalances' durations summed up: how many, the median, the 95th percentile and the
 * longest, in microseconds (percentiles NaN and max -1 when none completed), and how many were
 * still under way at the end of the run (not in the percentiles). Percentiles are commons-math3's
 * estimation type R-7, the linear interpolation NumPy and pandas use by default, so
 * {@code numpy.percentile} over the trace's durations gives the same figures.
 */
public record RebalanceDurationStats(int count, int open, double p50Us, double p95Us, long maxUs) {

    public static RebalanceDurationStats of(List<Long> durationsUs, int open) {
        if (durationsUs.isEmpty()) {
            return new RebalanceDurationStats(0, open, Double.NaN, Double.NaN, -1);
        }
        double[] values = new double[durationsUs.size()];
        long max = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = durationsUs.get(i);
            max = Math.max(max, durationsUs.get(i));
        }
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(values);
        return new RebalanceDurationStats(values.length, open, p.evaluate(50), p.evaluate(95), max);
    }
}
