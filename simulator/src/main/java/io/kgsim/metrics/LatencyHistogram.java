package io.kgsim.metrics;

/**
 * Record latencies (microseconds) weighted by records, in log-linear buckets as HdrHistogram
 * lays them out: values below 64 µs have a bucket each, above that each power of two is cut
 * into 32 buckets, so a bucket is at most 1/32 (3.1 %) of its values wide and an hour fits in
 * about 1,000 buckets. Only the buckets between the smallest and largest value seen are kept.
 *
 * <p>A batch slice's records have latencies spread evenly between its first and last record's
 * (both production and processing are linear in the offset), so a slice is added as a uniform
 * spread of {@code count} records over {@code [a, b]} in O(1), whatever its width: the two end
 * buckets get their share directly, the buckets between get a density through a difference
 * array that {@link #percentile} sums up.
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    private static final int EXACT = SUB << 1;

    /** Every bucket's lower bound and width, as doubles: the hot path looks them up, never computes them. */
    private static final double[] LOWER = new double[(64 - SUB_BITS) * SUB];
    private static final double[] WIDTH = new double[LOWER.length];

    static {
        for (int i = 0; i < LOWER.length; i++) {
            LOWER[i] = lower(i);
            WIDTH[i] = width(i);
        }
    }

    private int lo;
    /** Records put straight into bucket {@code lo + i}. */
    private double[] mass = new double[0];
    /** Difference array of a density (records per µs) over whole buckets: prefix sums give it. */
    private double[] density = new double[0];
    private double count;
    private double max;

    static int index(double us) {
        long v = (long) Math.max(0, us);
        if (v < EXACT) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS;
        return shift * SUB + (int) (v >>> shift);
    }

    static long lower(int index) {
        if (index < EXACT) {
            return index;
        }
        int shift = index / SUB - 1;
        return (long) (index % SUB + SUB) << shift;
    }

    static long width(int index) {
        return index < EXACT ? 1 : 1L << (index / SUB - 1);
    }

    /** {@code records} with latencies spread evenly over {@code [a, b]} µs (a point when equal). */
    public void addUniform(double a, double b, double records) {
        if (records <= 0) {
            return;
        }
        if (b < a) {
            double t = a;
            a = b;
            b = t;
        }
        a = Math.max(0, a);
        b = Math.max(0, b);
        int ia = index(a);
        int ib = index(b);
        if (ia < lo || ib >= lo + mass.length - 1) {
            cover(ia, ib + 1);
        }
        count += records;
        max = Math.max(max, b);
        if (ia == ib) {
            mass[ia - lo] += records;
            return;
        }
        double d = records / (b - a);
        mass[ia - lo] += d * (LOWER[ia] + WIDTH[ia] - a);
        mass[ib - lo] += d * (b - LOWER[ib]);
        density[ia + 1 - lo] += d;
        density[ib - lo] -= d;
    }

    /** Adds every record of {@code other}. */
    public void add(LatencyHistogram other) {
        if (other.count <= 0) {
            return;
        }
        int n = other.mass.length;
        cover(other.lo, other.lo + n - 1);
        double d = 0;
        for (int i = 0; i < n; i++) {
            d += other.density[i];
            mass[other.lo + i - lo] += other.mass[i] + d * width(other.lo + i);
        }
        count += other.count;
        max = Math.max(max, other.max);
    }

    /** Grows the window to hold buckets {@code from..to}. */
    private void cover(int from, int to) {
        if (mass.length == 0) {
            lo = from;
            mass = new double[Math.max(8, to - from + 1)];
            density = new double[mass.length];
            return;
        }
        int newLo = Math.min(lo, from);
        int newLen = Math.max(lo + mass.length, to + 1) - newLo;
        if (newLo == lo && newLen <= mass.length) {
            return;
        }
        int len = Math.max(newLen, newLo == lo ? mass.length * 2 : newLen);
        double[] m = new double[len];
        double[] dd = new double[len];
        System.arraycopy(mass, 0, m, lo - newLo, mass.length);
        System.arraycopy(density, 0, dd, lo - newLo, density.length);
        mass = m;
        density = dd;
        lo = newLo;
    }

    /** Records added (fractions where a slice was split between seconds). */
    public double count() {
        return count;
    }

    /** The largest latency added, exact; 0 when empty. */
    public double max() {
        return max;
    }

    /**
     * The latency below which a fraction {@code q} of the records fall: the bucket where the
     * cumulative count reaches {@code q * count}, interpolated linearly within it, never above
     * {@link #max}. NaN when empty.
     */
    public double percentile(double q) {
        if (count <= 0) {
            return Double.NaN;
        }
        double target = q * count;
        double cumulative = 0;
        double d = 0;
        for (int i = 0; i < mass.length; i++) {
            d += density[i];
            double m = mass[i] + d * width(lo + i);
            if (m > 0 && cumulative + m >= target) {
                double v = lower(lo + i) + width(lo + i) * Math.max(0, target - cumulative) / m;
                return Math.min(v, max);
            }
            cumulative += m;
        }
        return max;
    }
}
