package io.kgsim.metrics;

import io.kgsim.cluster.DataPlane;
import io.kgsim.cluster.TopicProduction;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Time-weighted averages over each virtual second of a group's state: running members,
 * {@code maxOverMeanLoad}, {@code partitionCountSpread} and the share of the second spent
 * rebalancing. A value read at the end of each second aliases (a 200 ms rebalance is either
 * missed or shown as a whole second of it); these integrate the state instead, which is
 * piecewise constant between group events: each event first adds the current value times the
 * time since the previous change to an area, then changes the state. Nothing runs between
 * events, so the data plane's hot path pays nothing.
 *
 * <p>The state is read off the events alone: a member runs from {@code member-started} until
 * {@code member-stopped}, {@code -crashed} or {@code -failed}; it owns what its last
 * {@code partitions-assigned/-revoked/-lost} says it owns; a rebalance is under way from
 * {@code rebalance-started} until {@code rebalance-completed}. A member's load is the summed
 * production rate of what it owns, recomputed at every ownership change and at every second
 * (so a production rate change counts from the next whole second).
 */
public final class GroupStateAverages implements GroupEventListener {
    /** One second's averages; {@code maxOverMeanLoad} NaN and {@code partitionCountSpread} -1 when never defined. */
    public record Second(double members, double maxOverMeanLoad, double partitionCountSpread, double rebalancing) {
    }

    /** What the events say about one member. */
    private static final class Member {
        boolean running;
        List<TopicPartition> owned = List.of();
        double load;
    }

    private final String group;
    private final DataPlane data;
    /** Looked up on every event, never iterated ({@link #members} keeps first-seen order). */
    private final Map<String, Member> byName = new HashMap<>();
    private final List<Member> members = new ArrayList<>();
    private boolean rebalancing;

    /**
     * The running members' loads and owned counts as multisets, and their load sum, kept as
     * members change: a figure is then O(log members) at each change, not a walk over the group
     * (a thousand members' rebalance has about two thousand distinct change instants).
     */
    private final TreeMap<Double, Integer> loads = new TreeMap<>();
    private final TreeMap<Integer, Integer> counts = new TreeMap<>();
    private double loadSum;
    private int running;
    private long sinceUs;
    private long secondFromUs;

    /** Areas under each figure since {@link #secondFromUs}; ratio and spread only where defined. */
    private double membersArea;
    private double ratioArea;
    private long ratioDefinedUs;
    private double spreadArea;
    private long spreadDefinedUs;
    private long rebalancingUs;

    /** The same over the whole run, for the group's time averages. */
    private double ratioAreaRun;
    private long ratioDefinedRunUs;
    private double spreadAreaRun;
    private long spreadDefinedRunUs;

    public GroupStateAverages(String group, DataPlane data) {
        this.group = group;
        this.data = data;
    }

    @Override
    public void on(GroupEvent e) {
        switch (e.type()) {
            case MEMBER_STARTED, MEMBER_STOPPED, MEMBER_CRASHED, MEMBER_FAILED, PARTITIONS_ASSIGNED, PARTITIONS_REVOKED,
                    PARTITIONS_LOST, REBALANCE_STARTED, REBALANCE_COMPLETED -> {
                if (!group.equals(e.group())) {
                    return;
                }
            }
            default -> {
                return;
            }
        }
        advance(e.timeUs());
        switch (e.type()) {
            case REBALANCE_STARTED -> rebalancing = true;
            case REBALANCE_COMPLETED -> rebalancing = false;
            case MEMBER_STARTED -> setRunning(member(e.member()), true);
            case MEMBER_STOPPED, MEMBER_CRASHED, MEMBER_FAILED -> setRunning(member(e.member()), false);
            default -> {
                Member m = member(e.member());
                leave(m);
                m.owned = e.owned();
                m.load = load(m.owned);
                join(m);
            }
        }
    }

    private void setRunning(Member m, boolean running) {
        leave(m);
        m.running = running;
        join(m);
    }

    /** Counts a running member into the multisets. */
    private void join(Member m) {
        if (m.running) {
            running++;
            loadSum += m.load;
            loads.merge(m.load, 1, Integer::sum);
            counts.merge(m.owned.size(), 1, Integer::sum);
        }
    }

    /** Takes a running member out of the multisets, before it changes. */
    private void leave(Member m) {
        if (m.running) {
            running--;
            loadSum -= m.load;
            loads.merge(m.load, -1, (a, b) -> a + b == 0 ? null : a + b);
            counts.merge(m.owned.size(), -1, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    private Member member(String name) {
        Member m = byName.get(name);
        if (m == null) {
            m = new Member();
            byName.put(name, m);
            members.add(m);
        }
        return m;
    }

    private double load(List<TopicPartition> owned) {
        double load = 0;
        TopicProduction production = null;
        for (TopicPartition tp : owned) {
            // Owned lists are sorted: one topic lookup per run of a topic.
            if (production == null || !production.topic().equals(tp.topic())) {
                production = data.topic(tp.topic());
            }
            load += production.partitionRate(tp.partition());
        }
        return load;
    }

    /** Adds the state held since the last change, up to {@code nowUs}, to the areas. */
    private void advance(long nowUs) {
        long dt = nowUs - sinceUs;
        if (dt <= 0) {
            return;
        }
        double max = running == 0 ? 0 : loads.lastKey();
        // Loads are never negative: a largest load of 0 is a sum of 0, when the ratio is undefined.
        double ratio = max <= 0 ? Double.NaN : max / (loadSum / running);
        int spread = running == 0 ? -1 : counts.lastKey() - counts.firstKey();
        membersArea += (double) running * dt;
        if (!Double.isNaN(ratio)) {
            ratioArea += ratio * dt;
            ratioDefinedUs += dt;
        }
        if (spread >= 0) {
            spreadArea += (double) spread * dt;
            spreadDefinedUs += dt;
        }
        if (rebalancing) {
            rebalancingUs += dt;
        }
        sinceUs = nowUs;
    }

    /** Closes the second ending at {@code nowUs} and returns its averages. */
    public Second endSecond(long nowUs) {
        advance(nowUs);
        double span = Math.max(1, nowUs - secondFromUs);
        Second s = new Second(membersArea / span,
                ratioDefinedUs == 0 ? Double.NaN : ratioArea / ratioDefinedUs,
                spreadDefinedUs == 0 ? -1 : spreadArea / spreadDefinedUs,
                rebalancingUs / span);
        ratioAreaRun += ratioArea;
        ratioDefinedRunUs += ratioDefinedUs;
        spreadAreaRun += spreadArea;
        spreadDefinedRunUs += spreadDefinedUs;
        membersArea = 0;
        ratioArea = 0;
        ratioDefinedUs = 0;
        spreadArea = 0;
        spreadDefinedUs = 0;
        rebalancingUs = 0;
        secondFromUs = nowUs;
        // Production rates may have changed since the loads were taken; rebuilding also keeps the
        // running sum from drifting over a long run.
        loads.clear();
        counts.clear();
        loadSum = 0;
        running = 0;
        for (Member m : members) {
            if (m.running) {
                m.load = load(m.owned);
                join(m);
            }
        }
        return s;
    }

    /** {@code maxOverMeanLoad} averaged over the run's sampled seconds where it was defined; NaN if never. */
    public double runMaxOverMeanLoad() {
        return ratioDefinedRunUs == 0 ? Double.NaN : ratioAreaRun / ratioDefinedRunUs;
    }

    /** {@code partitionCountSpread} averaged over the run's sampled seconds while a member ran; NaN if never. */
    public double runPartitionCountSpread() {
        return spreadDefinedRunUs == 0 ? Double.NaN : spreadAreaRun / spreadDefinedRunUs;
    }
}
