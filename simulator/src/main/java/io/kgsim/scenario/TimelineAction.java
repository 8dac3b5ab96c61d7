package io.kgsim.scenario;

/** What the timeline can do to a group; {@code fault/} turns each into scheduled events. */
public sealed interface TimelineAction {
    /** Starts {@code count} new members named with the next unused numbers. */
    record StartNew(String group, int count) implements TimelineAction {
    }

    /** Starts again a member that was stopped or crashed, under the same name. */
    record Restart(MemberRef member) implements TimelineAction {
    }

    /** Graceful close: commit, revoke, LeaveGroup (dynamic members only, as the client does). */
    record Stop(MemberRef member) implements TimelineAction {
    }

    /** The process is killed: no commit, no LeaveGroup, heartbeats just stop. */
    record Crash(MemberRef member) implements TimelineAction {
    }

    /** Stops each member in name order, one every {@code interval}, each back after {@code downtime}. */
    record RollingRestart(String group, long intervalUs, long downtimeUs) implements TimelineAction {
    }

    /** A topic's production rate changes from now on. */
    record SetRate(String topic, double ratePerSecond) implements TimelineAction {
    }

    /** A topic produces at {@code ratePerSecond} for {@code durationUs}, then returns to its rate. */
    record Burst(String topic, double ratePerSecond, long durationUs) implements TimelineAction {
    }

    /**
     * The member's application thread stands still for {@code durationUs}: a stop-the-world GC
     * pause ({@code gc}: heartbeats stop too) or a stuck record handler (heartbeats go on).
     */
    record Pause(MemberRef member, long durationUs, boolean gc) implements TimelineAction {
    }

    /** Starts or stops members (highest numbers first) until {@code to} are running. */
    record Scale(String group, int to) implements TimelineAction {
    }

    /** The member cannot reach its group coordinator for {@code durationUs}; it can still fetch. */
    record CutNetwork(MemberRef member, long durationUs) implements TimelineAction {
    }

    /** Broker {@code broker} dies and comes back {@code durationUs} later. */
    record BrokerCrash(int broker, long durationUs) implements TimelineAction {
    }

    /** The topic grows to {@code count} partitions. */
    record AddPartitions(String topic, int count) implements TimelineAction {
    }

    /** The member's subscription becomes {@code topics}. */
    record Subscribe(MemberRef member, java.util.List<String> topics) implements TimelineAction {
    }
}
