package io.kgsim.metrics;

import io.kgsim.cluster.DataPlane;
import io.kgsim.cluster.TopicProduction;
import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import io.kgsim.engine.Timer;
import io.kgsim.protocol.OffsetStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Closes every group's second at each whole virtual second (one engine event) into
 * {@link TimeSeriesRow}s: lag from log-end and committed offsets at that instant, and the
 * second's time-weighted averages of unowned partitions ({@link OwnershipLedger}), running
 * members, imbalance of their loads (sum of the production rates of what each owns) and
 * rebalancing ({@link GroupStateAverages}).
 */
public final class TimeSeriesRecorder {
    private final Simulation sim;
    private final DataPlane data;
    private final List<GroupProbe> groups;
    private final Map<String, OwnershipLedger> ownership;
    private final Map<String, DataPlaneLedger> ledgers;
    private final Map<String, GroupStateAverages> states;
    private final List<TimeSeriesRow> rows = new ArrayList<>();
    private final Map<String, Long> maxLag = new HashMap<>();
    private final Timer tick;
    private int second;
    /** Per-partition lag is kept every {@code partitionLagEvery} seconds (bounded memory and file size). */
    private final int partitionLagEvery;
    private final List<PartitionLagSample> partitionLags = new ArrayList<>();

    /** Every partition's lag at one second. */
    public record PartitionLagSample(int second, String group, List<TopicPartition> partitions, long[] lags) {
    }

    public TimeSeriesRecorder(Simulation sim, DataPlane data, List<GroupProbe> groups, Map<String, OwnershipLedger> ownership,
                              Map<String, DataPlaneLedger> ledgers, Map<String, GroupStateAverages> states, long durationUs) {
        this.sim = sim;
        this.states = states;
        this.data = data;
        this.groups = groups;
        this.ownership = ownership;
        this.ledgers = ledgers;
        this.tick = sim.newTimer(this::sample);
        long partitions = 0;
        for (GroupProbe g : groups) {
            partitions += g.subscribedPartitions().size();
        }
        long seconds = Math.max(1, durationUs / Durations.US_PER_S);
        // At most about 500,000 partition-lag cells per run.
        this.partitionLagEvery = (int) Math.max(1, (partitions * seconds + 499_999) / 500_000);
        sim.reschedule(tick, Durations.US_PER_S);
    }

    /** The row of the run's last second, whose sampling event falls exactly at the end. */
    public void sampleEnd(long endUs) {
        if ((long) second * Durations.US_PER_S < endUs && endUs % Durations.US_PER_S == 0) {
            sample();
        }
    }

    private void sample() {
        second++;
        long now = sim.now();
        for (GroupProbe g : groups) {
            long produced = 0;
            long unique = 0;
            long lag = 0;
            long maxPartitionLag = 0;
            Columns cols = columns(g);
            List<TopicPartition> partitions = cols.partitions;
            long[] lags = second % partitionLagEvery == 0 ? new long[partitions.size()] : null;
            for (int i = 0; i < cols.production.length; i++) {
                long leo = cols.production[i].logEndOffset(cols.partition[i], now);
                long committed = cols.committed[i].offset();
                long l = leo - Math.max(0, committed);
                produced += leo;
                unique += cols.progress[i].processedUpTo();
                lag += l;
                maxPartitionLag = Math.max(maxPartitionLag, l);
                if (lags != null) {
                    lags[i] = l;
                }
            }
            if (lags != null) {
                partitionLags.add(new PartitionLagSample(second, g.groupId(), partitions, lags));
            }
            maxLag.merge(g.groupId(), lag, Math::max);
            GroupStateAverages.Second state = states.get(g.groupId()).endSecond(now);
            rows.add(new TimeSeriesRow(second, g.groupId(), produced, unique, lag, maxPartitionLag,
                    ownership.get(g.groupId()).takeUnownedAverage(now), state.members(), state.maxOverMeanLoad(),
                    state.partitionCountSpread(), ledgers.get(g.groupId()).duplicated(), state.rebalancing()));
        }
        sim.reschedule(tick, Durations.US_PER_S);
    }

    /** What sampling a group's partitions needs, looked up once per partition list. */
    private static final class Columns {
        final List<TopicPartition> partitions;
        final TopicProduction[] production;
        final int[] partition;
        final DataPlaneLedger.Progress[] progress;
        final OffsetStore.Committed[] committed;

        Columns(List<TopicPartition> partitions, DataPlane data, DataPlaneLedger ledger, GroupProbe g) {
            this.partitions = partitions;
            int n = partitions.size();
            production = new TopicProduction[n];
            partition = new int[n];
            progress = new DataPlaneLedger.Progress[n];
            committed = new OffsetStore.Committed[n];
            for (int i = 0; i < n; i++) {
                TopicPartition tp = partitions.get(i);
                production[i] = data.topic(tp.topic());
                partition[i] = tp.partition();
                progress[i] = ledger.progress(tp);
                committed[i] = g.committedSlot(tp);
            }
        }
    }

    private final Map<String, Columns> columns = new HashMap<>();

    private Columns columns(GroupProbe g) {
        List<TopicPartition> partitions = g.subscribedPartitions();
        Columns c = columns.get(g.groupId());
        if (c == null || c.partitions != partitions) {
            c = new Columns(partitions, data, ledgers.get(g.groupId()), g);
            columns.put(g.groupId(), c);
        }
        return c;
    }

    public List<PartitionLagSample> partitionLags() {
        return partitionLags;
    }

    public List<TimeSeriesRow> rows() {
        return rows;
    }

    public long maxLag(String group) {
        return maxLag.getOrDefault(group, 0L);
    }
}
