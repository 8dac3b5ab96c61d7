package io.kgsim.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down correction for testing several pairs of strategies at once: with k p-values
 * sorted ascending, the i-th (from 0) becomes max over j <= i of min(1, (k - j) p_j). It keeps the
 * chance of calling any equal pair different at most alpha across the whole family, like
 * Bonferroni, while rejecting at least as much. Not in commons-math3; this is the whole of it.
 */
public final class Holm {
    private Holm() {
    }

    /** The adjusted p-values, in the order given. */
    public static double[] adjust(double[] p) {
        int k = p.length;
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        // Stable: equal p-values keep the order given, so the result does not depend on a sort's whims.
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[k];
        double running = 0;
        for (int j = 0; j < k; j++) {
            running = Math.max(running, Math.min(1.0, (k - j) * p[order[j]]));
            adjusted[order[j]] = running;
        }
        return adjusted;
    }
}
