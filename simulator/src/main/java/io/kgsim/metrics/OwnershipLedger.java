package io.kgsim.metrics;

import io.kgsim.cluster.PartitionIndex;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * Who may fetch each of a group's partitions, exactly as the trace's partitions-assigned,
 * -revoked and -lost events say, and what that costs: {@code unownedPartitionMs} (virtual time
 * summed over partitions during which no member was allowed to fetch it, counted from the start
 * of the run) and {@code partitionMovements} (assignments to a member other than the partition's
 * previous owner). Anyone can recompute both from {@code trace.jsonl}.
 */
public final class OwnershipLedger implements GroupEventListener {
    private final String group;
    /** Each tracked partition's slot in the arrays below (numbers in the order tracked). */
    private final PartitionIndex index = new PartitionIndex();
    private int[] owners;
    private long[] unownedSinceUs;
    private String[] lastOwner;
    private long unownedUs;
    private long movements;
    /** Partitions moved per generation (classic) or group epoch (consumer). */
    private final java.util.TreeMap<Integer, Long> movesByEpoch = new java.util.TreeMap<>();
    private int rebalances;
    private boolean finished;
    /** Partitions no member may fetch now, kept as they change so the sampler never counts. */
    private int unowned;
    /** The integral of {@link #unowned} over time since {@link #areaFromUs}, in partition-microseconds. */
    private long unownedArea;
    private long areaSinceUs;
    private long areaFromUs;

    public OwnershipLedger(String group, List<TopicPartition> subscribed) {
        this.group = group;
        int n = subscribed.size();
        owners = new int[n];
        unownedSinceUs = new long[n];
        lastOwner = new String[n];
        for (TopicPartition tp : subscribed) {
            index.number(tp);
        }
    }

    /**
     * Starts accounting for partitions that did not exist, or were not subscribed, until now
     * (add-partitions, subscribe): unowned from {@code nowUs}.
     */
    public void track(List<TopicPartition> partitions, long nowUs) {
        for (TopicPartition tp : partitions) {
            if (index.find(tp) >= 0) {
                continue;
            }
            int i = index.number(tp);
            if (i >= owners.length) {
                owners = java.util.Arrays.copyOf(owners, i + 1);
                unownedSinceUs = java.util.Arrays.copyOf(unownedSinceUs, i + 1);
                lastOwner = java.util.Arrays.copyOf(lastOwner, i + 1);
            }
            unownedSinceUs[i] = nowUs;
            advance(nowUs);
            unowned++;
        }
    }

    @Override
    public void on(GroupEvent e) {
        if (!group.equals(e.group())) {
            return;
        }
        switch (e.type()) {
            case REBALANCE_STARTED -> rebalances++;
            case REBALANCE_COMPLETED -> movesByEpoch.putIfAbsent(e.epoch().value(), 0L);
            case PARTITIONS_ASSIGNED -> assigned(e);
            case PARTITIONS_REVOKED, PARTITIONS_LOST -> gaveUp(e);
            default -> {
            }
        }
    }

    /** Partitions a member now owns: an unowned stretch ends; a new owner counts as a move. */
    private void assigned(GroupEvent e) {
        long moved = 0;
        for (TopicPartition tp : e.partitions()) {
            int i = index.find(tp);
            if (i < 0) {
                continue;
            }
            if (owners[i] == 0) {
                unownedUs += e.timeUs() - unownedSinceUs[i];
                advance(e.timeUs());
                unowned--;
            }
            owners[i]++;
            if (lastOwner[i] != null && !lastOwner[i].equals(e.member())) {
                moved++;
            }
            lastOwner[i] = e.member();
        }
        if (moved > 0) {
            // Once per event, not per partition: a boxed TreeMap update per moved
            // partition was a third of this ledger's time in a 1,000-member run.
            movements += moved;
            movesByEpoch.merge(e.epoch().value(), moved, Long::sum);
        }
    }

    /** Partitions revoked or lost: one left without an owner starts an unowned stretch. */
    private void gaveUp(GroupEvent e) {
        for (TopicPartition tp : e.partitions()) {
            int i = index.find(tp);
            if (i < 0) {
                continue;
            }
            owners[i]--;
            if (owners[i] == 0) {
                unownedSinceUs[i] = e.timeUs();
                advance(e.timeUs());
                unowned++;
            }
        }
    }

    /** Closes the books at the end of the run: partitions still unowned count until then. */
    public void finish(long endUs) {
        if (finished) {
            return;
        }
        finished = true;
        for (int i = 0; i < owners.length; i++) {
            if (owners[i] == 0) {
                unownedUs += endUs - unownedSinceUs[i];
            }
        }
    }

    /** Subscribed partitions that no member may fetch right now. */
    public int unownedNow() {
        return unowned;
    }

    /** The unowned count is about to change at {@code nowUs}: the area under it grows to there. */
    private void advance(long nowUs) {
        unownedArea += unowned * (nowUs - areaSinceUs);
        areaSinceUs = nowUs;
    }

    /**
     * The time-weighted average number of unowned partitions since the previous call (or the
     * start), up to {@code nowUs}: a 200 ms spike to 10 partitions within a second reads 2.0.
     */
    public double takeUnownedAverage(long nowUs) {
        advance(nowUs);
        long span = nowUs - areaFromUs;
        double average = span <= 0 ? unowned : unownedArea / (double) span;
        unownedArea = 0;
        areaFromUs = nowUs;
        return average;
    }

    /** Partition movements of each completed rebalance, in order (generation or epoch -> moves). */
    public java.util.SortedMap<Integer, Long> movementsPerEpoch() {
        return java.util.Collections.unmodifiableSortedMap(movesByEpoch);
    }

    public long unownedPartitionUs() {
        return unownedUs;
    }

    public long partitionMovements() {
        return movements;
    }

    public int rebalances() {
        return rebalances;
    }

    public String group() {
        return group;
    }
}
