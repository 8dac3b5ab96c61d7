package io.kgsim.sim;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One group's outcome.
 *
 * @param finalAssignment member name -> sorted "topic-partition" list, for running members
 * @param avgMaxOverMeanLoad time average of the per-second {@code maxOverMeanLoad} (NaN if never defined)
 * @param avgPartitionCountSpread time average of the per-second spread (NaN if no member ever ran)
 * @param movementsPerGeneration partitions moved by each completed rebalance
 * @param rebalanceStartsUs when each rebalance started
 */
public record GroupResult(
        String group,
        String strategy,
        String protocol,
        int rebalances,
        long partitionMovements,
        long unownedPartitionUs,
        int finalGeneration,
        Map<String, List<String>> finalAssignment,
        long recordsProduced,
        long recordsConsumed,
        long recordsDuplicated,
        long recordsLost,
        long maxLag,
        double avgMaxOverMeanLoad,
        double avgPartitionCountSpread,
        long crossRackBytes,
        SortedMap<Integer, Long> movementsPerGeneration,
        List<Long> rebalanceStartsUs) implements Figures {

    @Override
    public double maxOverMeanLoad() {
        return avgMaxOverMeanLoad;
    }

    @Override
    public double partitionCountSpread() {
        return avgPartitionCountSpread;
    }
}
