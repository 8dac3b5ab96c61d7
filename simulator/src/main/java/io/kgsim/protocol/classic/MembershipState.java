package io.kgsim.protocol.classic;

import java.util.EnumSet;
import java.util.Set;

/**
 * A classic member's group membership as one state machine: Kafka's four client states
 * ({@link MemberState}, {@code AbstractCoordinator.MemberState}) split where the client's own
 * flags and futures tell more ({@code needsJoinPrepare}, the {@code onJoinPrepare} commit,
 * {@code joinFuture}, the SyncGroup in flight). {@link #kafkaState()} maps each state back, and
 * every check the client makes on its state in Kafka's sense is made on it (heartbeats,
 * auto-commit, the REBALANCE_IN_PROGRESS reaction, the leader's metadata check).
 *
 * <p>Each state's Javadoc is its behaviour table. Inputs every state treats alike:
 * <ul>
 * <li>stop (close): the close commits, revokes everything, sends LeaveGroup unless UNJOINED or
 *     static; then the process ends => UNJOINED. crash / fatal error: everything lost => UNJOINED.
 * <li>freeze: timers and answers wait; no state changes. subscribe: a rejoin is requested.
 * <li>poll timeout (every state but UNJOINED): LeaveGroup (dynamic member), everything lost,
 *     generation and member id reset => UNJOINED.
 * <li>JoinGroup and SyncGroup answers carry their join round: an answer to an earlier round
 *     (a JoinGroup sent again since) is dropped, as Kafka has one join future at a time. A
 *     current answer arrives in JOINING/SYNCING, or in UNJOINED after a reset.
 * <li>heartbeat fencing errors (ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID) for the current
 *     generation, in a state whose Kafka state is not PREPARING_REBALANCE: => UNJOINED;
 *     FENCED_INSTANCE_ID: the member fails. Coordinator errors: coordinator unknown, state kept.
 * <li>commit answer with a coordinator error: coordinator unknown (rediscovery), state kept.
 * </ul>
 * Only rejoinNeeded ({@code AbstractCoordinator.rejoinNeeded}) stays a flag: it is a request
 * that any state can receive (REBALANCE_IN_PROGRESS, a subscription or metadata change).
 */
public enum MembershipState {
    /**
     * No generation; rejoinNeeded is set. Kafka: UNJOINED. poll (coordinator known):
     * {@code onJoinPrepare} loses what is still owned ("generation-reset"), then JoinGroup =>
     * JOINING. No heartbeats. The current JoinGroup's answer after a reset: NONE is ignored
     * ({@code JoinGroupResponseHandler} raises UnjoinedGroupException); MEMBER_ID_REQUIRED or
     * REBALANCE_IN_PROGRESS => JoinGroup again => JOINING; fencing errors stay UNJOINED. The
     * current SyncGroup's answer: NONE asks for a rejoin ({@code SyncGroupResponseHandler});
     * REBALANCE_IN_PROGRESS => JOINING. Poll timeout: nothing (no generation to leave).
     */
    UNJOINED(MemberState.UNJOINED),
    /**
     * {@code onJoinPrepare}'s auto-commit is out: an eager member fetches nothing meanwhile (its
     * partitions are pending revocation). Kafka: STABLE (the generation is still valid, so
     * heartbeats go on). poll: waits. Commit answer (any error: the client logs and goes on):
     * an eager member revokes everything ("eager-rebalance") => JOIN_PREPARED, and asks for the
     * main thread; ignored when the close began meanwhile (close revokes by itself). Heartbeat
     * REBALANCE_IN_PROGRESS: rejoin requested (already). Metadata refresh: as STABLE.
     */
    JOIN_PREPARE_COMMIT(MemberState.STABLE),
    /**
     * {@code onJoinPrepare} is done; the JoinGroup leaves at the next poll. Kafka: STABLE
     * (heartbeats go on). poll: JoinGroup => JOINING. Other inputs: as JOIN_PREPARE_COMMIT.
     */
    JOIN_PREPARED(MemberState.STABLE),
    /**
     * JoinGroup in flight; heartbeats stop. Kafka: PREPARING_REBALANCE. poll: waits. JoinGroup
     * answer: NONE => the generation, member id and leadership are taken, heartbeats restart
     * => SYNCING; MEMBER_ID_REQUIRED (KIP-394, with the id) or REBALANCE_IN_PROGRESS => sent
     * again (JOINING); ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID => UNJOINED; a coordinator error
     * (or the timeout: rebalance timeout + 5 s) => coordinator unknown, JOIN_RETRY; another
     * error: the member fails. Heartbeat answers for an earlier generation: ignored.
     */
    JOINING(MemberState.PREPARING_REBALANCE),
    /**
     * The JoinGroup met a coordinator error: it is sent again, without a second
     * {@code onJoinPrepare}, at the first poll after the coordinator is found. Kafka:
     * PREPARING_REBALANCE (no heartbeats). poll (coordinator known): JoinGroup => JOINING.
     */
    JOIN_RETRY(MemberState.PREPARING_REBALANCE),
    /**
     * Has a generation; the leader runs its assignor, then the SyncGroup is in flight. Kafka:
     * COMPLETING_REBALANCE (heartbeats go on, REBALANCE_IN_PROGRESS in their answer is left to
     * the SyncGroup). poll: waits. The assignor throws => SYNC_FAILED. SyncGroup answer: NONE
     * => STABLE with the assignment ({@code onJoinComplete}); REBALANCE_IN_PROGRESS => JoinGroup
     * at once, keeping what is owned => JOINING; ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID =>
     * UNJOINED; a coordinator error => SYNC_FAILED; another error: the member fails.
     */
    SYNCING(MemberState.COMPLETING_REBALANCE),
    /**
     * The join failed after a generation was given: the SyncGroup met a coordinator error, or
     * the leader's assignor threw (the next poll throws it: the member fails). Kafka:
     * COMPLETING_REBALANCE (heartbeats go on). poll: JoinGroup again, without
     * {@code onJoinPrepare} => JOINING.
     */
    SYNC_FAILED(MemberState.COMPLETING_REBALANCE),
    /**
     * Holds its generation's assignment. Kafka: STABLE. poll: without a rejoin request, the
     * auto-commit that is due; with one, {@code onJoinPrepare} (eager: everything pending
     * revocation; cooperative: unsubscribed topics revoked) and either its commit =>
     * JOIN_PREPARE_COMMIT, or (nothing to commit) JoinGroup at once => JOINING. Heartbeat
     * REBALANCE_IN_PROGRESS: rejoin requested. Metadata refresh: the leader asks for a rejoin
     * when partitions were added since it assigned.
     */
    STABLE(MemberState.STABLE);

    private final MemberState kafkaState;
    private Set<MembershipState> validPrevious;

    MembershipState(MemberState kafkaState) {
        this.kafkaState = kafkaState;
    }

    static {
        // Any state may be reset: fencing, poll timeout, the end of the process.
        UNJOINED.validPrevious = EnumSet.allOf(MembershipState.class);
        // onJoinPrepare commits only with a generation, which only STABLE of the prepare states has.
        JOIN_PREPARE_COMMIT.validPrevious = EnumSet.of(STABLE);
        JOIN_PREPARED.validPrevious = EnumSet.of(JOIN_PREPARE_COMMIT);
        // A JoinGroup leaves from a poll (after onJoinPrepare, or to retry) or at once after an
        // answer asking for it (MEMBER_ID_REQUIRED, REBALANCE_IN_PROGRESS).
        JOINING.validPrevious = EnumSet.of(UNJOINED, JOIN_PREPARED, STABLE, JOINING, JOIN_RETRY, SYNCING, SYNC_FAILED);
        JOIN_RETRY.validPrevious = EnumSet.of(JOINING);
        SYNCING.validPrevious = EnumSet.of(JOINING);
        SYNC_FAILED.validPrevious = EnumSet.of(SYNCING);
        STABLE.validPrevious = EnumSet.of(SYNCING);
    }

    /** The state as Kafka's client names it. */
    public MemberState kafkaState() {
        return kafkaState;
    }

    public boolean canFollow(MembershipState previous) {
        return validPrevious.contains(previous);
    }

    /** Does the next JoinGroup need {@code onJoinPrepare} first ({@code needsJoinPrepare})? */
    boolean needsJoinPrepare() {
        return this == UNJOINED || this == STABLE || this == JOIN_PREPARE_COMMIT || this == JOIN_PREPARED;
    }

    /** Is a JoinGroup or SyncGroup answer awaited (the poll then does nothing)? */
    boolean awaitsAnswer() {
        return this == JOINING || this == SYNCING;
    }
}
