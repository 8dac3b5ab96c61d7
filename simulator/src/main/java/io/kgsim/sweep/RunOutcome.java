package io.kgsim.sweep;

import io.kgsim.stats.RunFigures;
import java.util.Arrays;

/**
 * What one run of a sweep left: its figures, or the error that stopped it. A failed run keeps its
 * place (and its seed) in every output; its figures are all NaN, so statistics leave it out.
 *
 * @param error null when the run finished; else one line saying what went wrong and when
 */
public record RunOutcome(long index, RunFigures figures, Status status, String error) {
    /** How a run ended. */
    public enum Status {
        /** Finished with every invariant kept. */
        OK,
        /** Finished, but broke at least one invariant (counted in its figures). */
        INVARIANT_VIOLATED,
        /** Stopped by a simulation error; no figures. */
        FAILED
    }

    /** A run that stopped on {@code error}: all its figures NaN. */
    public static RunOutcome failed(long index, long seed, String strategy, String error) {
        double[] nan = new double[RunFigures.METRICS.size()];
        Arrays.fill(nan, Double.NaN);
        return new RunOutcome(index, new RunFigures(seed, strategy, nan), Status.FAILED, error);
    }
}
