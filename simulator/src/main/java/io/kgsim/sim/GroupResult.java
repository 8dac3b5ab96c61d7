package io.kgsim.sim;

import java.util.List;
import java.util.Map;

/**
 * One group's outcome.
 *
 * @param finalAssignment member name -> sorted "topic-partition" list, for running members
 */
public record GroupResult(
        String group,
        String strategy,
        String protocol,
        int rebalances,
        long partitionMovements,
        long unownedPartitionUs,
        int finalGeneration,
        Map<String, List<String>> finalAssignment) {
}
