package io.kgsim.metrics;

/**
 * One group over one virtual second. Levels (produced, consumed, lag, duplicates) are read at the
 * second's end; states that flip during a rebalance (unowned partitions, running members,
 * imbalance, rebalancing) are time-weighted averages over the second, so a 200 ms spike reads as
 * a fifth of its height instead of all or nothing. Per-second amounts (records consumed,
 * cross-rack bytes, record latency) are read from the ledgers when the run is over, since a
 * batch is only reported once it is processed.
 *
 * @param consumedUnique records processed at least once (per partition, the highest offset
 *                       processed), summed over the group's partitions
 * @param unownedPartitions average number of subscribed partitions no member could fetch
 * @param members average number of running members
 * @param maxOverMeanLoad average over the part of the second where it was defined; NaN when no
 *                        running member owned a producing partition during the second
 * @param partitionCountSpread average while a member ran; -1 when no member ran during the second
 * @param rebalancing the share of the second (0 to 1) during which a rebalance was under way
 */
public record TimeSeriesRow(
        int second,
        String group,
        long producedTotal,
        long consumedUnique,
        long lag,
        long maxPartitionLag,
        double unownedPartitions,
        double members,
        double maxOverMeanLoad,
        double partitionCountSpread,
        long duplicatedTotal,
        double rebalancing) {
}
