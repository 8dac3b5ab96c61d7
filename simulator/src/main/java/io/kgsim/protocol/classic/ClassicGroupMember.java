package io.kgsim.protocol.classic;

import io.kgsim.engine.Timer;
import java.util.List;
import java.util.function.Consumer;

/** The coordinator's record of one member ({@code ClassicGroupMember}). */
final class ClassicGroupMember {
    final String memberId;
    final String groupInstanceId;
    /** The member's scenario name (its client id), for the trace. */
    final String clientId;
    int sessionTimeoutMs;
    int rebalanceTimeoutMs;
    List<Protocol> protocols;
    byte[] assignment = new byte[0];
    /** A parked JoinGroup's callback; set only through {@link #awaitJoin} so the group can count them. */
    private Consumer<JoinGroupResponse> awaitingJoin;
    /** The group this member is in, which counts parked JoinGroups; null outside one. */
    ClassicGroup group;
    Consumer<SyncGroupResponse> awaitingSync;
    /** Heartbeat expiration, created at the first arm and re-armed by every heartbeat. */
    Timer session;
    /** Added by the current join phase and not yet through it: expires on the new-member timeout. */
    boolean isNew;

    ClassicGroupMember(String memberId, String groupInstanceId, String clientId, int sessionTimeoutMs, int rebalanceTimeoutMs, List<Protocol> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.protocols = protocols;
    }

    boolean isAwaitingJoin() {
        return awaitingJoin != null;
    }

    Consumer<JoinGroupResponse> awaitingJoin() {
        return awaitingJoin;
    }

    /** The parked JoinGroup's callback, cleared; null when none is parked. */
    Consumer<JoinGroupResponse> takeAwaitingJoin() {
        Consumer<JoinGroupResponse> cb = awaitingJoin;
        awaitJoin(null);
        return cb;
    }

    /** Parks a JoinGroup ({@code respond}) or clears the parked one ({@code null}). */
    void awaitJoin(Consumer<JoinGroupResponse> respond) {
        boolean was = awaitingJoin != null;
        awaitingJoin = respond;
        if (group != null && was != (respond != null)) {
            group.awaitingJoinChanged(respond != null ? 1 : -1);
        }
    }

    boolean isAwaitingSync() {
        return awaitingSync != null;
    }

    boolean isStatic() {
        return groupInstanceId != null;
    }

    /** A member blocked in JoinGroup or SyncGroup cannot heartbeat, so it does not expire. */
    boolean hasSatisfiedHeartbeat() {
        return !isNew && (isAwaitingJoin() || isAwaitingSync());
    }

    boolean matches(List<Protocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            if (!protocols.get(i).sameAs(other.get(i))) {
                return false;
            }
        }
        return true;
    }

    byte[] metadataFor(String protocolName) {
        for (Protocol p : protocols) {
            if (p.name().equals(protocolName)) {
                return p.metadata();
            }
        }
        throw new IllegalStateException("member " + memberId + " does not support protocol " + protocolName);
    }
}
