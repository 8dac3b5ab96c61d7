package io.kgsim.protocol.classic;

import java.util.EnumSet;
import java.util.Set;

/**
 * Coordinator-side state of a classic group, with how each request is answered in it, as
 * {@code GroupMetadataManager} does it (Kafka 4.x; where {@code ClassicGroupState}'s own Javadoc
 * and the code disagree, this follows the code).
 *
 * <p>Before a state's table applies, SyncGroup, Heartbeat and OffsetCommit pass the same
 * preamble ({@code ClassicGroupCoordinator.validate}): NOT_COORDINATOR while the coordinator is
 * down, UNKNOWN_MEMBER_ID for a group it does not know, then {@link ClassicGroup#validateMember}
 * (FENCED_INSTANCE_ID, UNKNOWN_MEMBER_ID), then ILLEGAL_GENERATION. LeaveGroup and a known
 * member's JoinGroup check the member but not the generation. Every move between states goes
 * through {@link ClassicGroup#transitionTo}, which checks this enum's table of valid previous
 * states.
 */
public enum ClassicGroupState {
    /**
     * No members. JoinGroup from a new dynamic member: MEMBER_ID_REQUIRED; the second JoinGroup
     * (or a static member's first) adds it and starts the initial rebalance, delayed by
     * {@code group.initial.rebalance.delay.ms}. Sync, Heartbeat, LeaveGroup and OffsetCommit:
     * UNKNOWN_MEMBER_ID (there is no member to pass the preamble).
     * Transition: a member is added => PREPARING_REBALANCE.
     */
    EMPTY("Empty"),
    /**
     * Collecting JoinGroups. JoinGroup: parked until the join phase completes. SyncGroup and
     * Heartbeat: REBALANCE_IN_PROGRESS (a heartbeat still re-arms the session). LeaveGroup:
     * removes the member and may complete the join phase. OffsetCommit: accepted (a member
     * commits before it revokes).
     * Transition: all known members joined, or the rebalance timeout fired =>
     * COMPLETING_REBALANCE (or EMPTY if nobody is left).
     */
    PREPARING_REBALANCE("PreparingRebalance"),
    /**
     * Waiting for the leader's SyncGroup. Followers' SyncGroups are parked; heartbeats answer
     * NONE; OffsetCommit: REBALANCE_IN_PROGRESS; a JoinGroup with changed metadata or from a new
     * member restarts the rebalance; the same metadata gets the JoinGroup answer again.
     * Transition: the leader's SyncGroup => STABLE; a member joins, leaves or expires =>
     * PREPARING_REBALANCE.
     */
    COMPLETING_REBALANCE("CompletingRebalance"),
    /**
     * Assignment handed out. SyncGroup returns the stored assignment; heartbeats answer NONE;
     * OffsetCommit is accepted; a JoinGroup from the leader, a new member, or a follower with
     * changed metadata starts a rebalance, while a returning static member takes its old place
     * without one (KIP-345).
     * Transition: join, leave, expiry, or members that never sent SyncGroup within the
     * rebalance timeout => PREPARING_REBALANCE.
     */
    STABLE("Stable"),
    /** The group is gone (its coordinator moved or it was deleted); every request errs. */
    DEAD("Dead");

    /** Kafka's name of the state, as its tools and logs print it. */
    private final String kafkaName;
    private Set<ClassicGroupState> validPrevious;

    ClassicGroupState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

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

    /** The states this one may follow, for the message of an illegal move. */
    Set<ClassicGroupState> validPrevious() {
        return EnumSet.copyOf(validPrevious);
    }

    /** Kafka's name ({@code Empty}, {@code PreparingRebalance}, ...), as {@code GroupSnapshot.state} shows it. */
    @Override
    public String toString() {
        return kafkaName;
    }
}
