package io.kgsim.sweep;

import io.kgsim.stats.SeedStatistics;

/**
 * The statistics of one point of a sweep's grid: every figure over the seeds, per strategy, with
 * the paired tests between strategies (failed runs count as undefined figures, so they are left
 * out of both), and how many runs of each strategy failed.
 *
 * @param failed per strategy, in {@link SweepPlan#strategies()}' order, the runs that failed
 */
public record PointStatistics(SweepPoint point, SeedStatistics stats, int[] failed) {
    public PointStatistics {
        failed = failed.clone();
    }

    @Override
    public int[] failed() {
        return failed.clone();
    }
}
