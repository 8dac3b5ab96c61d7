package io.kgsim.metrics;

/**
 * One group at the end of one virtual second. Instant values are sampled at the second's end;
 * per-second amounts (records consumed, cross-rack bytes) are read from the ledgers when the
 * run is over, since a batch is only reported once it is processed.
 *
 * @param consumedUnique records processed at least once (per partition, the highest offset
 *                       processed), summed over the group's partitions
 * @param maxOverMeanLoad NaN when no running member owns a producing partition
 * @param partitionCountSpread -1 when no member runs
 */
public record TimeSeriesRow(
        int second,
        String group,
        long producedTotal,
        long consumedUnique,
        long lag,
        long maxPartitionLag,
        int unownedPartitions,
        int members,
        double maxOverMeanLoad,
        int partitionCountSpread,
        long duplicatedTotal,
        boolean rebalancing) {
}
