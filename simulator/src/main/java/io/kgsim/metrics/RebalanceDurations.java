package io.kgsim.metrics;

import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import java.util.ArrayList;
import java.util.List;

/**
 * How long each of a group's rebalances took, from {@code rebalance-started} (classic: the group
 * enters PreparingRebalance) to {@code rebalance-completed} (its generation reaches Stable, or
 * Empty when the last member left, so the time a group stands empty is no rebalance). A
 * rebalance started again before completing (a member joined or left mid-way) is the same
 * rebalance, still under way: its clock keeps running from the first start. One still under way
 * when the run ends is counted as open and left out of the durations.
 */
public final class RebalanceDurations implements GroupEventListener {
    private final String group;
    private final List<Long> durationsUs = new ArrayList<>();
    private long startedUs = -1;

    public RebalanceDurations(String group) {
        this.group = group;
    }

    @Override
    public void on(GroupEvent e) {
        if (e.type() == GroupEventType.REBALANCE_STARTED && group.equals(e.group())) {
            if (startedUs < 0) {
                startedUs = e.timeUs();
            }
        } else if (e.type() == GroupEventType.REBALANCE_COMPLETED && group.equals(e.group()) && startedUs >= 0) {
            durationsUs.add(e.timeUs() - startedUs);
            startedUs = -1;
        }
    }

    /** Completed rebalances' durations, in completion order. */
    public List<Long> durationsUs() {
        return List.copyOf(durationsUs);
    }

    /** 1 if a rebalance is under way now (at the end of the run), else 0. */
    public int open() {
        return startedUs >= 0 ? 1 : 0;
    }
}
