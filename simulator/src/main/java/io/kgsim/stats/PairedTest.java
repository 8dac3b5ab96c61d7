package io.kgsim.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * Whether two strategies differ on one figure, paired by seed (the same seed gives both the same
 * workload, so each seed's difference is what the strategy changed): the Wilcoxon signed-rank
 * test of commons-math3, two-sided.
 * <p>Seeds where the figure is undefined for either strategy are left out ({@code pairs} counts
 * the rest). Seeds where both gave the same value (a zero difference) are dropped before ranking,
 * as in Wilcoxon's own method (scipy's {@code zero_method="wilcox"}): commons-math3 would rank
 * them and count them against the strategy given first. On what is left ({@code nonZero}):
 * the exact p-value (all 2^n sign patterns) up to {@link #EXACT_UP_TO} differences, the normal
 * approximation with continuity correction above, both as commons-math3 computes them (tied
 * absolute differences get their average rank; neither method corrects for ties).
 * No difference at all is {@link Method#IDENTICAL}: the test is undefined and the strategies are
 * equal on every seed.
 *
 * @param meanDifference mean over the pairs of (a - b)
 * @param w the larger of the two signed-rank sums, NaN without a test
 * @param p the two-sided p-value, at most 1; NaN without a test
 */
public record PairedTest(int a, int b, int pairs, int nonZero, double meanDifference, double w, double p, Method method) {
    /** Exact p-values cost 2^n steps: 32,768 at 15, still nothing beside a run. */
    public static final int EXACT_UP_TO = 15;

    public enum Method {
        /** Every sign pattern of the ranks counted. */
        EXACT,
        /** Normal approximation of the signed-rank sum, continuity-corrected. */
        NORMAL,
        /** Every pair equal: the strategies cannot be told apart on this figure. */
        IDENTICAL,
        /** No seed where the figure is defined for both. */
        NO_PAIRS;

        /** The word comparison.json writes. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** @param x strategy {@code a}'s values by seed, {@code y} strategy {@code b}'s; NaN where undefined */
    public static PairedTest of(int a, int b, double[] x, double[] y) {
        List<double[]> kept = new ArrayList<>();
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                continue;
            }
            pairs++;
            sum += x[i] - y[i];
            if (x[i] != y[i]) {
                kept.add(new double[] {x[i], y[i]});
            }
        }
        double mean = pairs == 0 ? Double.NaN : sum / pairs;
        if (pairs == 0 || kept.isEmpty()) {
            return new PairedTest(a, b, pairs, 0, mean, Double.NaN, Double.NaN, pairs == 0 ? Method.NO_PAIRS : Method.IDENTICAL);
        }
        double[] xs = new double[kept.size()];
        double[] ys = new double[kept.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = kept.get(i)[0];
            ys[i] = kept.get(i)[1];
        }
        WilcoxonSignedRankTest test = new WilcoxonSignedRankTest();
        boolean exact = xs.length <= EXACT_UP_TO;
        double p = Math.min(1.0, test.wilcoxonSignedRankTest(xs, ys, exact));
        return new PairedTest(a, b, pairs, xs.length, mean, test.wilcoxonSignedRank(xs, ys), p, exact ? Method.EXACT : Method.NORMAL);
    }

    /** Whether a p-value was computed (the test was defined). */
    public boolean tested() {
        return method == Method.EXACT || method == Method.NORMAL;
    }
}
