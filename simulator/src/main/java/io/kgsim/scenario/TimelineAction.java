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
}
