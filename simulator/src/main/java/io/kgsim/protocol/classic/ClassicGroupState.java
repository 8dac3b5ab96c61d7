package io.kgsim.protocol.classic;

import java.util.EnumSet;
import java.util.Set;

/**
 * Coordinator-side state of a classic group, with how each request is answered in it, as
 * {@code GroupMetadataManager} does it (Kafka 4.x; where {@code ClassicGroupState}'s own Javadoc
 * and the code disagree, this follows the code).
 */
public enum ClassicGroupState {
    /**
     * No members. JoinGroup from a new dynamic member: MEMBER_ID_REQUIRED; the second JoinGroup
     * (or a static member's first) adds it and starts the initial rebalance, delayed by
     * {@code group.initial.rebalance.delay.ms}. Sync/Heartbeat: UNKNOWN_MEMBER_ID.
     * Transition: a member is added => PREPARING_REBALANCE.
     */
    EMPTY,
    /**
     * Collecting JoinGroups. JoinGroup: parked until the join phase completes. SyncGroup and
     * Heartbeat: REBALANCE_IN_PROGRESS (a heartbeat still re-arms the session). LeaveGroup:
     * removes the member and may complete the join phase.
     * Transition: all known members joined, or the rebalance timeout fired =>
     * COMPLETING_REBALANCE (or EMPTY if nobody is left).
     */
    PREPARING_REBALANCE,
    /**
     * Waiting for the leader's SyncGroup. Followers' SyncGroups are parked; heartbeats answer
     * NONE; a JoinGroup with changed metadata or from a new member restarts the rebalance.
     * Transition: the leader's SyncGroup => STABLE; a member joins, leaves or expires =>
     * PREPARING_REBALANCE.
     */
    COMPLETING_REBALANCE,
    /**
     * Assignment handed out. SyncGroup returns the stored assignment; heartbeats answer NONE; a
     * JoinGroup from the leader, a new member, or a follower with changed metadata starts a
     * rebalance, while a returning static member takes its old place without one (KIP-345).
     * Transition: join, leave or expiry => PREPARING_REBALANCE.
     */
    STABLE,
    /** The group is gone (its coordinator moved or it was deleted); every request errs. */
    DEAD;

    private Set<ClassicGroupState> validPrevious;

    static {
        EMPTY.validPrevious = EnumSet.of(PREPARING_REBALANCE);
        PREPARING_REBALANCE.validPrevious = EnumSet.of(STABLE, COMPLETING_REBALANCE, EMPTY);
        COMPLETING_REBALANCE.validPrevious = EnumSet.of(PREPARING_REBALANCE);
        STABLE.validPrevious = EnumSet.of(COMPLETING_REBALANCE);
        DEAD.validPrevious = EnumSet.of(STABLE, PREPARING_REBALANCE, COMPLETING_REBALANCE, EMPTY, DEAD);
    }

    public boolean canFollow(ClassicGroupState previous) {
        return validPrevious.contains(previous);
    }
}
