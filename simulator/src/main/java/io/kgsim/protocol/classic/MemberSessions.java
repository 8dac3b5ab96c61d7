package io.kgsim.protocol.classic;

import io.kgsim.engine.Durations;
import io.kgsim.engine.KeyedTimers;
import io.kgsim.engine.Simulation;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;

/**
 * How long the coordinator keeps a member: each member's heartbeat expiration (Kafka's
 * {@code classicGroupHeartbeatKey} timer), the deadline of a KIP-394 pending member (an id handed
 * out with MEMBER_ID_REQUIRED, no member yet), and a member's removal. Both deadlines end in the
 * coordinator's one expiry handler, which decides what the group does about it.
 */
final class MemberSessions {
    /** What runs when a member's or a pending member's deadline passes. */
    interface Expiry {
        void expired(ClassicGroup group, String memberId);
    }

    private final Simulation sim;
    private final KeyedTimers<String> timers;
    private final GroupEventListener events;
    private final Expiry onExpiry;

    MemberSessions(Simulation sim, KeyedTimers<String> timers, GroupEventListener events, Expiry onExpiry) {
        this.sim = sim;
        this.timers = timers;
        this.events = events;
        this.onExpiry = onExpiry;
    }

    /** A full session timeout from now: a heartbeat, a commit, an answered JoinGroup or SyncGroup. */
    void rearm(ClassicGroup group, ClassicGroupMember m) {
        arm(group, m, m.sessionTimeoutMs);
    }

    /**
     * Arms the member's heartbeat expiration. One timer per member, re-armed in place: a
     * heartbeat costs no allocation, and pushing the deadline later costs the queue nothing until
     * the old deadline comes.
     */
    void arm(ClassicGroup group, ClassicGroupMember m, int timeoutMs) {
        if (m.session == null) {
            m.session = sim.newTimer(() -> onExpiry.expired(group, m.memberId));
        }
        sim.reschedule(m.session, Durations.ms(timeoutMs));
    }

    /** The member's session ends without expiring (its coordinator died, it was replaced or removed). */
    void cancel(ClassicGroupMember m) {
        sim.cancel(m.session);
    }

    /** KIP-394: {@code memberId} was handed out; the member must come back within {@code timeoutMs}. */
    void addPending(ClassicGroup group, String memberId, int timeoutMs) {
        group.pendingJoinMembers.add(memberId);
        timers.schedule(pendingKey(group, memberId), Durations.ms(timeoutMs), () -> onExpiry.expired(group, memberId));
    }

    /** The pending member came back or left: true if {@code memberId} was pending. */
    boolean removePending(ClassicGroup group, String memberId) {
        if (!group.pendingJoinMembers.remove(memberId)) {
            return false;
        }
        timers.cancel(pendingKey(group, memberId));
        return true;
    }

    /** The member is out of the group: its session ends and the trace says why. */
    void remove(ClassicGroup group, ClassicGroupMember m, String reason) {
        cancel(m);
        group.remove(m.memberId);
        events.on(GroupEvent.member(sim.now(), GroupEventType.MEMBER_REMOVED, group.groupId, m.clientId,
                Epoch.generation(group.generationId), reason));
    }

    /** A pending member expires on its own key. */
    private static String pendingKey(ClassicGroup group, String memberId) {
        return "pending-" + group.groupId + "-" + memberId;
    }
}
