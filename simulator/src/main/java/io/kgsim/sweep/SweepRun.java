package io.kgsim.sweep;

/**
 * One simulation of a sweep: a point of the grid, a strategy and a seed. Runs are numbered
 * point by point, within a point strategy by strategy, within a strategy seed by seed, so that
 * every output lists them in this order whoever ran them and whenever they finished.
 *
 * @param index the run's number in that order, from 0
 * @param point index into {@link SweepPlan#points()}
 * @param strategy index into {@link SweepPlan#strategies()}
 */
public record SweepRun(long index, int point, int strategy, long seed) {
}
