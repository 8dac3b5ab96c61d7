package io.kgsim.protocol.consumer;

import java.util.EnumSet;
import java.util.Set;

/**
 * A consumer-protocol member's state as the Java client keeps it (Kafka 4.4's client
 * {@code MemberState}, driven by {@code AbstractMembershipManager} and
 * {@code ConsumerHeartbeatRequestManager}), with the client's own table of valid previous states.
 * Each state's Javadoc is its behaviour table. Inputs every state treats alike:
 * <ul>
 * <li>stop (close): the auto-commit, then revoke everything (member epoch above 0) or lose it,
 *     then the leave heartbeat (-1 dynamic, -2 static) if the member is in the group; the
 *     process ends. crash: everything lost, nothing sent. A fatal error out of poll(): as crash,
 *     with member-failed. A new process is a new consumer, with a new membership in UNSUBSCRIBED.
 * <li>freeze: timers and answers wait; no state changes. cut network: requests vanish and time out.
 * <li>heartbeat answers to an earlier round (sent before a rejoin, a leave or a fence) are dropped.
 * <li>a heartbeat's coordinator error (or its timeout): the coordinator is looked up again and the
 *     next heartbeat, after the backoff, carries every field; the state is kept.
 * <li>subscribe: the next heartbeat carries the new topics; no state changes (UNSUBSCRIBED joins
 *     at the next poll anyway).
 * </ul>
 */
public enum ConsumerMemberState {
    /**
     * Not in the group: a new consumer before its first poll. No heartbeats. poll: => JOINING
     * (epoch 0, the target cleared). Poll timeout: nothing.
     */
    UNSUBSCRIBED,
    /**
     * Member epoch 0: the join heartbeat (every field, TopicPartitions empty) goes out at once,
     * then again on the interval until answered. Answer NONE: the member epoch and the
     * assignment are taken => RECONCILING (the assignment differs from the cleared current one),
     * or STABLE (it equals it). FENCED_MEMBER_EPOCH / UNKNOWN_MEMBER_ID => FENCED. A fatal error
     * => FATAL. Poll timeout: the leave heartbeat => PREPARE_LEAVING, LEAVING, STALE.
     */
    JOINING,
    /**
     * A target differs from the current assignment. Heartbeats on the interval (carrying
     * TopicPartitions only when the owned set changed since the last send, so they do not
     * acknowledge). poll: the reconciliation: the revoked partitions stop being fetched, the
     * auto-commit of all consumed positions (when on) is sent and awaited, then
     * onPartitionsRevoked, then onPartitionsAssigned => ACKNOWLEDGING. A newer target meanwhile
     * waits for the next round. Fencing, fatal errors, poll timeout: as JOINING.
     */
    RECONCILING,
    /**
     * Reconciled: the acknowledging heartbeat, with the new owned set, goes out at once (after
     * the one in flight). Building it => STABLE, or RECONCILING when a newer target came
     * meanwhile. An answer with a new target => RECONCILING. Fencing, fatal errors, poll
     * timeout: as JOINING.
     */
    ACKNOWLEDGING,
    /**
     * Holds its target. Heartbeats on the interval; an answer's member epoch is taken, an answer
     * with a different assignment => RECONCILING. poll: the auto-commit that is due. Fencing,
     * fatal errors, poll timeout: as JOINING.
     */
    STABLE,
    /**
     * FENCED_MEMBER_EPOCH or UNKNOWN_MEMBER_ID: member epoch 0, everything owned lost at once
     * (fetching stops; onPartitionsLost runs at the next poll). No heartbeats. poll: => JOINING
     * with the same member id.
     */
    FENCED,
    /**
     * Leaving (close, or the poll timeout): the callbacks run first. No new target is taken.
     * => LEAVING at once in kgsim (close ran its callbacks before; the poll timeout has none).
     */
    PREPARE_LEAVING,
    /**
     * The leave heartbeat (-1, or -2 for a static member) goes out at once, whatever is in
     * flight; building it => UNSUBSCRIBED (close) or STALE (poll timeout). Its answer is ignored.
     */
    LEAVING,
    /**
     * Left after a poll timeout: everything was lost. No heartbeats. poll: => JOINING with the
     * same member id, epoch 0.
     */
    STALE,
    /**
     * An error the client does not recover from (UNRELEASED_INSTANCE_ID, FENCED_INSTANCE_ID,
     * GROUP_MAX_SIZE_REACHED, UNSUPPORTED_ASSIGNOR, INVALID_REQUEST, any unexpected one):
     * everything lost, no heartbeats. poll: throws, and the application stops (member-failed).
     */
    FATAL;

    private Set<ConsumerMemberState> validPrevious;

    static {
        // The client's MemberState static block, state by state.
        UNSUBSCRIBED.validPrevious = EnumSet.of(PREPARE_LEAVING, LEAVING, FENCED);
        JOINING.validPrevious = EnumSet.of(FENCED, UNSUBSCRIBED, STALE);
        RECONCILING.validPrevious = EnumSet.of(STABLE, JOINING, ACKNOWLEDGING, RECONCILING);
        ACKNOWLEDGING.validPrevious = EnumSet.of(RECONCILING);
        STABLE.validPrevious = EnumSet.of(JOINING, ACKNOWLEDGING, RECONCILING);
        FENCED.validPrevious = EnumSet.of(JOINING, STABLE, RECONCILING, ACKNOWLEDGING, PREPARE_LEAVING, LEAVING);
        PREPARE_LEAVING.validPrevious = EnumSet.of(JOINING, STABLE, RECONCILING, ACKNOWLEDGING, UNSUBSCRIBED);
        LEAVING.validPrevious = EnumSet.of(PREPARE_LEAVING);
        STALE.validPrevious = EnumSet.of(LEAVING);
        FATAL.validPrevious = EnumSet.complementOf(EnumSet.of(FENCED, STALE, FATAL));
    }

    public boolean canFollow(ConsumerMemberState previous) {
        return validPrevious.contains(previous);
    }

    /** {@code isNotInGroup} / {@code shouldSkipHeartbeat}: no heartbeat is sent, answers are ignored. */
    public boolean isNotInGroup() {
        return this == UNSUBSCRIBED || this == FENCED || this == FATAL || this == STALE;
    }

    /** {@code shouldHeartbeatNow}: a heartbeat goes out as soon as none is in flight. */
    public boolean heartbeatsNow() {
        return this == JOINING || this == ACKNOWLEDGING || this == LEAVING;
    }

    /** {@code isLeavingGroup}. */
    public boolean isLeaving() {
        return this == PREPARE_LEAVING || this == LEAVING;
    }

    /** {@code canHandleNewAssignment}: an answer's assignment is taken as the new target. */
    boolean takesAssignments() {
        return this == JOINING || this == RECONCILING || this == ACKNOWLEDGING || this == STABLE;
    }
}
