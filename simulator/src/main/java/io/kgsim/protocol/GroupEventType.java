package io.kgsim.protocol;

import io.kgsim.scenario.GroupProtocol;

/**
 * The events a group announces, under the names {@code trace.jsonl} uses (the README lists them).
 * Most mean the same under either group protocol; the few that name a step only the classic
 * protocol has (JoinGroup, SyncGroup) say so with {@link #onlyIn()} and stay protocol-specific by
 * design, so that a trace reads in its protocol's words.
 */
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
    JOIN_GROUP_SENT("join-group-sent", GroupProtocol.CLASSIC),
    /** JoinGroup answered: the member has the generation; reason says leader or follower. */
    JOINED("joined", GroupProtocol.CLASSIC),
    /** The assignor ran for a generation or epoch (classic: on the leader; reason: the assignor). */
    ASSIGNMENT_COMPUTED("assignment-computed"),
    /** SyncGroup answered: {@code partitions} is the whole assignment received. */
    SYNCED("synced", GroupProtocol.CLASSIC),
    /**
     * Consumer protocol: a heartbeat answer brought the member's whole assignment for its member
     * epoch ({@code partitions}); reason "join" when it answers the member's join.
     */
    ASSIGNMENT_RECEIVED("assignment-received", GroupProtocol.CONSUMER),
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
    private final GroupProtocol onlyIn;

    GroupEventType(String traceName) {
        this(traceName, null);
    }

    GroupEventType(String traceName, GroupProtocol onlyIn) {
        this.traceName = traceName;
        this.onlyIn = onlyIn;
    }

    /** The one protocol that has this step, or null when both announce it. */
    public GroupProtocol onlyIn() {
        return onlyIn;
    }

    public String traceName() {
        return traceName;
    }
}
