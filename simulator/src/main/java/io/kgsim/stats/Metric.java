package io.kgsim.stats;

/**
 * One figure of a run, named by its path in {@code summary.json} ({@code imbalance.maxOverMeanLoad}).
 *
 * @param lowerIsBetter whether a strategy with less of it is better; false for the figures that
 *        describe the workload rather than judge a strategy (records produced and consumed),
 *        which get statistics but no ranking
 */
public record Metric(String name, boolean lowerIsBetter) {
}
