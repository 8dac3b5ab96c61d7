package io.kgsim.protocol.classic;

/**
 * Kafka's four client states ({@code AbstractCoordinator.MemberState}). kgsim's member runs the
 * finer {@link MembershipState}; each of its states maps to one of these
 * ({@link MembershipState#kafkaState()}), and the checks the client makes in Kafka's words
 * (heartbeats, auto-commit, the REBALANCE_IN_PROGRESS reaction) are made on that mapping.
 *
 * <ul>
 * <li>{@code UNJOINED}: no generation. Leaves when the main thread sends JoinGroup.
 * <li>{@code PREPARING_REBALANCE}: JoinGroup in flight (or to be resent); heartbeats are off.
 * <li>{@code COMPLETING_REBALANCE}: has a generation, SyncGroup in flight (or the join failed
 *     after the generation was given); heartbeats resume.
 * <li>{@code STABLE}: holds an assignment for its generation (also while {@code onJoinPrepare}
 *     prepares the next join). Leaves when a JoinGroup is sent or the member is reset.
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
