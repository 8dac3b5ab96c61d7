package io.kgsim.protocol;

/** The events a group announces, under the names {@code trace.jsonl} uses (the README lists them). */
public enum GroupEventType {
    MEMBER_STARTED("member-started"),
    MEMBER_STOPPED("member-stopped"),
    MEMBER_CRASHED("member-crashed"),
    /**
     * The client hit a fatal error (fenced static instance, invalid session timeout, an exception
     * the leader's assignor threw, rethrown by poll()) and stopped.
     */
    MEMBER_FAILED("member-failed"),
    /** The coordinator dropped a member: reason left, session-timeout, rebalance-timeout, sync-timeout. */
    MEMBER_REMOVED("member-removed"),
    /** A static member rejoined under a new member id and took over the old one's place (KIP-345). */
    MEMBER_REPLACED("member-replaced"),
    REBALANCE_STARTED("rebalance-started"),
    /** The generation reached Stable, or Empty (no {@code members}) when the last member left. */
    REBALANCE_COMPLETED("rebalance-completed"),
    JOIN_GROUP_SENT("join-group-sent"),
    /** JoinGroup answered: the member has the generation; reason says leader or follower. */
    JOINED("joined"),
    /** The leader ran the assignor for a generation. */
    ASSIGNMENT_COMPUTED("assignment-computed"),
    /** SyncGroup answered: {@code partitions} is the whole assignment received. */
    SYNCED("synced"),
    HEARTBEAT_ERROR("heartbeat-error"),
    LEAVE_GROUP_SENT("leave-group-sent"),
    PARTITIONS_ASSIGNED("partitions-assigned"),
    PARTITIONS_REVOKED("partitions-revoked"),
    PARTITIONS_LOST("partitions-lost"),
    /** The coordinator accepted an OffsetCommit: {@code offsets} holds what was committed. */
    OFFSETS_COMMITTED("offsets-committed"),
    /** The coordinator refused an OffsetCommit (reason: the error, e.g. a fenced generation). */
    COMMIT_FAILED("commit-failed"),
    /** {@code max.poll.interval.ms} passed without a poll: the client leaves the group. */
    POLL_TIMEOUT("poll-timeout"),
    /** A timeline pause began (reason: gc or handler) or ended. */
    MEMBER_PAUSED("member-paused"),
    /** The client lost its coordinator (reason: the error) and looks for it again. */
    COORDINATOR_UNKNOWN("coordinator-unknown"),
    /** A timeline network cut began between the member and its coordinator. */
    NETWORK_CUT("network-cut"),
    /** A broker crashed (member: null; reason: broker id), was fenced, or came back. */
    BROKER_CRASHED("broker-crashed"),
    BROKER_FENCED("broker-fenced"),
    BROKER_RESTARTED("broker-restarted"),
    /** The group's coordinator moved to another broker and loaded the group (reason: broker id). */
    COORDINATOR_LOADED("coordinator-loaded"),
    /** add-partitions took effect on the cluster (member: null; reason: topic and count). */
    PARTITIONS_ADDED("partitions-added"),
    /** The leader's metadata refresh found partitions that the assignment did not know. */
    METADATA_CHANGED("metadata-changed"),
    /** The member's subscription changed (reason: the new topics). */
    SUBSCRIPTION_CHANGED("subscription-changed"),
    MEMBER_RESUMED("member-resumed");

    private final String traceName;

    GroupEventType(String traceName) {
        this.traceName = traceName;
    }

    public String traceName() {
        return traceName;
    }
}
