package io.kgsim.replay.compare;

/**
 * How far the simulation may be from the real run and still agree, in one place: a time to the
 * last ownership change within 15 % of the real one or 150 ms, whichever is larger; unowned
 * partition-ms within 25 % or 250 ms. Assignments and rebalance counts must be equal.
 */
public final class Tolerances {
    public static final double TIME_RELATIVE = 0.15;
    public static final long TIME_MIN_US = 150_000;
    public static final double UNOWNED_RELATIVE = 0.25;
    public static final long UNOWNED_MIN_US = 250_000;

    private Tolerances() {
    }

    /** The largest difference allowed from {@code realUs} for a time to the last ownership change. */
    public static long timeUs(long realUs) {
        return allowed(realUs, TIME_RELATIVE, TIME_MIN_US);
    }

    /** The largest difference allowed from {@code realUs} for unowned partition time. */
    public static long unownedUs(long realUs) {
        return allowed(realUs, UNOWNED_RELATIVE, UNOWNED_MIN_US);
    }

    private static long allowed(long realUs, double relative, long minUs) {
        return Math.max(minUs, Math.round(Math.abs(realUs) * relative));
    }
}
