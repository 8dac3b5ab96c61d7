package io.kgsim.sim;

import io.kgsim.metrics.DataPlaneLedger;
import io.kgsim.metrics.LatencyHistogram;
import io.kgsim.metrics.MemberTimeline;
import io.kgsim.metrics.RebalanceDurationStats;
import io.kgsim.metrics.TimeSeriesRecorder;
import io.kgsim.metrics.TimeSeriesRow;
import java.util.List;
import java.util.Map;

/**
 * What a run produced: the figures {@code summary.json} reports, the per-second rows of
 * {@code timeseries.csv}, and what charts mark (timeline actions).
 *
 * @param recordsProduced records produced into every topic of the scenario
 * @param ledgers per group, to read per-second throughput from
 * @param strandedPartitions partitions a stable group's assignment left to nobody (once per generation)
 * @param staleReconciliations partitions two consumer-protocol members owned at once through Kafka's
 *        stale-reconciliation client race (each window once)
 * @param staleReconciliationUs the summed duration of those windows
 */
public record RunResult(
        String scenario,
        long seed,
        long virtualDurationUs,
        long events,
        List<GroupResult> groups,
        long invariantViolations,
        List<String> violationMessages,
        long recordsProduced,
        List<TimeSeriesRow> rows,
        Map<String, DataPlaneLedger> ledgers,
        List<Mark> timeline,
        long strandedPartitions,
        List<String> warnings,
        List<TimeSeriesRecorder.PartitionLagSample> partitionLags,
        List<MemberTimeline.Interval> memberStates,
        long staleReconciliations,
        long staleReconciliationUs) implements Figures {

    /** A timeline action, for chart markers. */
    public record Mark(long timeUs, String label) {
    }

    @Override
    public int rebalances() {
        return groups.stream().mapToInt(GroupResult::rebalances).sum();
    }

    @Override
    public long partitionMovements() {
        return groups.stream().mapToLong(GroupResult::partitionMovements).sum();
    }

    @Override
    public long unownedPartitionUs() {
        return groups.stream().mapToLong(GroupResult::unownedPartitionUs).sum();
    }

    @Override
    public long recordsConsumed() {
        return groups.stream().mapToLong(GroupResult::recordsConsumed).sum();
    }

    @Override
    public long recordsDuplicated() {
        return groups.stream().mapToLong(GroupResult::recordsDuplicated).sum();
    }

    @Override
    public long recordsLost() {
        return groups.stream().mapToLong(GroupResult::recordsLost).sum();
    }

    @Override
    public long maxLag() {
        return groups.stream().mapToLong(GroupResult::maxLag).max().orElse(0);
    }

    @Override
    public long crossRackBytes() {
        return groups.stream().mapToLong(GroupResult::crossRackBytes).sum();
    }

    /** The groups' time-averaged imbalance, averaged over groups where defined. */
    @Override
    public double maxOverMeanLoad() {
        return groups.stream().mapToDouble(GroupResult::avgMaxOverMeanLoad).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }

    @Override
    public double partitionCountSpread() {
        return groups.stream().mapToDouble(GroupResult::avgPartitionCountSpread).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }

    /** Every group's rebalances pooled. */
    @Override
    public RebalanceDurationStats rebalanceDurations() {
        List<Long> all = new java.util.ArrayList<>();
        int open = 0;
        for (GroupResult g : groups) {
            all.addAll(g.rebalanceDurationsUs());
            open += g.openRebalances();
        }
        return RebalanceDurationStats.of(all, open);
    }

    /** Every group's records pooled. */
    @Override
    public LatencyHistogram recordLatency() {
        LatencyHistogram all = new LatencyHistogram();
        for (GroupResult g : groups) {
            all.add(g.recordLatency());
        }
        return all;
    }

    /** The strategy label: the groups' strategies, distinct, in group order. */
    public String strategy() {
        return distinct(true);
    }

    public String protocol() {
        return distinct(false);
    }

    private String distinct(boolean strategy) {
        java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>();
        for (GroupResult g : groups) {
            s.add(strategy ? g.strategy() : g.protocol());
        }
        return String.join(";", s);
    }
}
