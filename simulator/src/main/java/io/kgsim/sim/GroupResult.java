package io.kgsim.sim;

import io.kgsim.metrics.LatencyHistogram;
import io.kgsim.metrics.RebalanceDurationStats;
import io.kgsim.scenario.GroupProtocol;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One group's outcome.
 *
 * @param finalAssignment member name -> sorted "topic-partition" list, for running members
 * @param avgMaxOverMeanLoad {@code maxOverMeanLoad} averaged over the time it was defined, in the
 *                           run's whole seconds (NaN if never defined)
 * @param avgPartitionCountSpread the spread averaged over the time a member ran (NaN if none ever ran)
 * @param finalEpoch the highest generation (classic) or member epoch (consumer) of a running member at the end
 * @param movementsPerEpoch partitions moved by each completed rebalance, by generation or group epoch
 * @param rebalanceStartsUs when each rebalance started
 * @param rebalanceDurationsUs each completed rebalance's duration, from its start to completed
 * @param openRebalances 1 when a rebalance was still under way at the end of the run
 * @param recordLatency latencies of every record the group processed
 * @param memberIds member name -> every member id it had, in order, for every member that ever started
 * @param memberIdsFixed whether the scenario fixes some of the group's member ids ({@code groups[].members})
 */
public record GroupResult(
        String group,
        String strategy,
        String protocol,
        int rebalances,
        long partitionMovements,
        long unownedPartitionUs,
        int finalEpoch,
        Map<String, List<String>> finalAssignment,
        long recordsProduced,
        long recordsConsumed,
        long recordsDuplicated,
        long recordsLost,
        long maxLag,
        double avgMaxOverMeanLoad,
        double avgPartitionCountSpread,
        long crossRackBytes,
        SortedMap<Integer, Long> movementsPerEpoch,
        List<Long> rebalanceStartsUs,
        List<Long> rebalanceDurationsUs,
        int openRebalances,
        LatencyHistogram recordLatency,
        Map<String, List<String>> memberIds,
        boolean memberIdsFixed) implements Figures {

    /** How the group's protocol names a round of assignment: "generation" (classic) or "group epoch" (consumer). */
    public String epochName() {
        return GroupProtocol.CONSUMER.configValue().equals(protocol) ? "group epoch" : "generation";
    }

    @Override
    public RebalanceDurationStats rebalanceDurations() {
        return RebalanceDurationStats.of(rebalanceDurationsUs, openRebalances);
    }

    @Override
    public double maxOverMeanLoad() {
        return avgMaxOverMeanLoad;
    }

    @Override
    public double partitionCountSpread() {
        return avgPartitionCountSpread;
    }
}
