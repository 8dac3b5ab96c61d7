package io.kgsim.protocol.classic;

/**
 * The client's view of its membership, as {@code AbstractCoordinator.MemberState}.
 *
 * <ul>
 * <li>{@code UNJOINED}: no generation. Leaves when the main thread sends JoinGroup.
 * <li>{@code PREPARING_REBALANCE}: JoinGroup in flight; heartbeats are off. Leaves on the
 *     JoinGroup response (to COMPLETING_REBALANCE) or an error that resets it (to UNJOINED).
 * <li>{@code COMPLETING_REBALANCE}: has a generation, SyncGroup in flight; heartbeats resume.
 *     Leaves on the SyncGroup response (to STABLE) or an error.
 * <li>{@code STABLE}: holds an assignment for its generation. Leaves when a heartbeat answers
 *     REBALANCE_IN_PROGRESS (rejoin at the next poll) or fails with a fencing error.
 * </ul>
 */
public enum MemberState {
    UNJOINED,
    PREPARING_REBALANCE,
    COMPLETING_REBALANCE,
    STABLE;

    /** Heartbeats are sent only once the member has a generation ({@code hasNotJoinedGroup}). */
    public boolean sendsHeartbeats() {
        return this == COMPLETING_REBALANCE || this == STABLE;
    }
}
