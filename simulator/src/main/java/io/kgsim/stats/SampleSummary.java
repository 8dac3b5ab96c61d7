package io.kgsim.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * One strategy's values of one figure over the seeds, summed up: the count, mean, sample standard
 * deviation (n - 1 in the denominator), median, 5th and 95th percentiles, and the 95 % confidence
 * interval of the mean. NaN stands for "not defined" and is never written:
 * <ul>
 * <li>n = 0 (the figure was undefined in every run): everything;
 * <li>n = 1: the standard deviation and the interval (one draw says nothing of the spread);
 * <li>all values equal: the deviation is 0 and the interval is that value, width 0, which is what
 *     the t formula gives and what the seeds showed: no run differed.
 * </ul>
 * Percentiles use commons-math3's estimation type R-7 (linear interpolation between order
 * statistics at (n - 1)p + 1: NumPy's and pandas' default, and what the run's rebalance-duration
 * percentiles use). The interval is Student's t: mean +- t(0.975, n - 1) s / sqrt(n).
 */
public record SampleSummary(int n, double mean, double sd, double median, double p5, double p95, double ciLow, double ciHigh) {
    public static final double CONFIDENCE = 0.95;

    public static SampleSummary of(double[] values) {
        int n = values.length;
        if (n == 0) {
            double nan = Double.NaN;
            return new SampleSummary(0, nan, nan, nan, nan, nan, nan, nan);
        }
        DescriptiveStatistics d = new DescriptiveStatistics(values);
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(values);
        double mean = d.getMean();
        double sd = n == 1 ? Double.NaN : d.getStandardDeviation();
        double half = n == 1 ? Double.NaN : halfWidth(sd, n);
        return new SampleSummary(n, mean, sd, p.evaluate(50), p.evaluate(5), p.evaluate(95), mean - half, mean + half);
    }

    /** t(1 - (1 - CONFIDENCE) / 2, n - 1) s / sqrt(n); no random generator: the distribution is never sampled. */
    static double halfWidth(double sd, int n) {
        if (sd == 0) {
            return 0;
        }
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        return t * sd / Math.sqrt(n);
    }

    /** Half the interval's width, NaN when there is none. */
    public double ciHalfWidth() {
        return (ciHigh - ciLow) / 2;
    }
}
