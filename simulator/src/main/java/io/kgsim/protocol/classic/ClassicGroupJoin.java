package io.kgsim.protocol.classic;

import io.kgsim.engine.Simulation;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import java.util.function.Consumer;
import org.apache.kafka.common.protocol.Errors;

/**
 * JoinGroup once it passed the coordinator's checks (coordinator available, session timeout in
 * range, group not dead, {@code group.max.size}, a protocol in common), by who sends it: a new
 * dynamic member (KIP-394: an id first), a new or returning static member (KIP-345), a pending
 * member's second join, or a known member rejoining, in each group state, as Kafka's
 * {@code classicGroupJoin} and its helpers do it.
 */
final class ClassicGroupJoin {
    private final Simulation sim;
    private final GroupEventListener events;
    private final MemberIds memberIds;
    private final MemberSessions sessions;
    private final RebalancePhases phases;

    ClassicGroupJoin(Simulation sim, GroupEventListener events, MemberIds memberIds, MemberSessions sessions, RebalancePhases phases) {
        this.sim = sim;
        this.events = events;
        this.memberIds = memberIds;
        this.sessions = sessions;
        this.phases = phases;
    }

    void join(ClassicGroup group, JoinGroupRequest req, Consumer<JoinGroupResponse> respond) {
        if (!req.memberId().isEmpty()) {
            joinExistingMember(group, req, respond);
        } else if (req.groupInstanceId() != null) {
            joinNewStaticMember(group, req, respond);
        } else {
            joinNewDynamicMember(group, req, respond);
        }
    }

    /**
     * KIP-394: a dynamic member's first JoinGroup only reserves a member id. The member comes
     * back at once with it; until then it is pending, with its session timeout as deadline.
     */
    private void joinNewDynamicMember(ClassicGroup group, JoinGroupRequest req, Consumer<JoinGroupResponse> respond) {
        String memberId = memberIds.next(group.groupId, req.clientId());
        sessions.addPending(group, memberId, req.sessionTimeoutMs());
        respond.accept(JoinGroupResponse.error(Errors.MEMBER_ID_REQUIRED, memberId));
    }

    /** KIP-345: a static member joins under a new id at once; a known instance id takes its old place. */
    private void joinNewStaticMember(ClassicGroup group, JoinGroupRequest req, Consumer<JoinGroupResponse> respond) {
        String existing = group.staticMembers.get(req.groupInstanceId());
        if (existing != null) {
            rejoinStaticMember(group, existing, req, respond);
            return;
        }
        ClassicGroupMember m = newMember(memberIds.next(group.groupId, req.groupInstanceId()), req);
        addMemberThenRebalanceOrCompleteJoin(group, m, respond);
    }

    /** A JoinGroup with a member id: a pending member's second join, or a known member rejoining. */
    private void joinExistingMember(ClassicGroup group, JoinGroupRequest req, Consumer<JoinGroupResponse> respond) {
        String memberId = req.memberId();
        if (sessions.removePending(group, memberId)) {
            addMemberThenRebalanceOrCompleteJoin(group, newMember(memberId, req), respond);
            return;
        }
        Errors invalid = group.validateMember(memberId, req.groupInstanceId());
        if (invalid != Errors.NONE) {
            respond.accept(JoinGroupResponse.error(invalid, memberId));
            return;
        }
        ClassicGroupMember m = group.members.get(memberId);
        switch (group.state) {
            case PREPARING_REBALANCE -> {
                updateMember(group, m, req, respond);
                phases.maybeCompleteJoinPhase(group);
            }
            case COMPLETING_REBALANCE -> {
                if (m.matches(req.protocols())) {
                    // Same metadata: the member missed the JoinGroup response; send it again.
                    respond.accept(RebalancePhases.joinResponse(group, m, false));
                } else {
                    updateMember(group, m, req, respond);
                    phases.prepareRebalance(group, "updating metadata for member " + m.clientId + " during CompletingRebalance");
                }
            }
            case STABLE -> rejoinStableGroup(group, m, req, respond);
            default -> respond.accept(JoinGroupResponse.error(Errors.UNKNOWN_MEMBER_ID, memberId));
        }
    }

    /** A known member rejoins a Stable group: the leader, or changed metadata, starts a rebalance. */
    private void rejoinStableGroup(ClassicGroup group, ClassicGroupMember m, JoinGroupRequest req, Consumer<JoinGroupResponse> respond) {
        boolean unchanged = m.matches(req.protocols());
        boolean leader = group.isLeader(m.memberId);
        if (!leader && unchanged) {
            respond.accept(RebalancePhases.joinResponse(group, m, false));
            return;
        }
        // A leader's rejoin always rebalances: it may want to react to metadata changes.
        updateMember(group, m, req, respond);
        phases.prepareRebalance(group, (leader ? "leader " : "member ") + m.clientId + " rejoined with "
                + (unchanged ? "unchanged" : "changed") + " metadata");
    }

    /**
     * KIP-345: a static member coming back under its {@code group.instance.id} replaces its old
     * member id and keeps its assignment. In a Stable group with an unchanged protocol there is
     * no rebalance at all; a returning leader is told to skip the assignment (KIP-814).
     */
    private void rejoinStaticMember(ClassicGroup group, String oldMemberId, JoinGroupRequest req, Consumer<JoinGroupResponse> respond) {
        boolean wasLeader = group.isLeader(oldMemberId);
        String previousProtocol = group.protocolName;
        ClassicGroupMember m = replaceStaticMember(group, group.members.get(oldMemberId), req);
        events.on(GroupEvent.member(sim.now(), GroupEventType.MEMBER_REPLACED, group.groupId, m.clientId, Epoch.generation(group.generationId), "static-rejoin"));
        switch (group.state) {
            case STABLE -> {
                if (previousProtocol != null && previousProtocol.equals(group.selectProtocol())) {
                    respond.accept(RebalancePhases.joinResponse(group, m, wasLeader));
                } else {
                    m.awaitJoin(respond);
                    phases.prepareRebalance(group, "static member " + m.clientId + " rejoined with a different protocol");
                }
            }
            case COMPLETING_REBALANCE -> {
                m.awaitJoin(respond);
                phases.prepareRebalance(group, "static member " + m.clientId + " rejoined during CompletingRebalance");
            }
            case PREPARING_REBALANCE -> {
                m.awaitJoin(respond);
                phases.maybeCompleteJoinPhase(group);
            }
            default -> respond.accept(JoinGroupResponse.error(Errors.UNKNOWN_MEMBER_ID, m.memberId));
        }
    }

    /**
     * The old member id of a static instance is fenced (its parked requests answer
     * FENCED_INSTANCE_ID) and a new one takes its place: its assignment, its leadership, and
     * its debt of a SyncGroup.
     */
    private ClassicGroupMember replaceStaticMember(ClassicGroup group, ClassicGroupMember old, JoinGroupRequest req) {
        String newId = memberIds.next(group.groupId, req.groupInstanceId());
        boolean wasLeader = group.isLeader(old.memberId);
        if (old.awaitingJoin() != null) {
            old.awaitingJoin().accept(JoinGroupResponse.error(Errors.FENCED_INSTANCE_ID, old.memberId));
        }
        if (old.awaitingSync != null) {
            old.awaitingSync.accept(SyncGroupResponse.error(Errors.FENCED_INSTANCE_ID));
        }
        sessions.cancel(old);
        boolean wasPendingSync = group.pendingSyncMembers.contains(old.memberId);
        String leader = group.leaderId;
        group.remove(old.memberId);
        group.leaderId = leader;
        ClassicGroupMember m = newMember(newId, req);
        m.assignment = old.assignment;
        group.add(m);
        if (wasLeader) {
            group.leaderId = newId;
        }
        if (wasPendingSync) {
            group.pendingSyncMembers.add(newId);
        }
        sessions.rearm(group, m);
        return m;
    }

    private static ClassicGroupMember newMember(String memberId, JoinGroupRequest req) {
        return new ClassicGroupMember(memberId, req.groupInstanceId(), req.clientId(), req.sessionTimeoutMs(), req.rebalanceTimeoutMs(),
                req.protocols());
    }

    /**
     * A new member joins parked, on the new-member join timeout; an Empty, CompletingRebalance
     * or Stable group rebalances, a rebalancing one may complete its join phase.
     */
    private void addMemberThenRebalanceOrCompleteJoin(ClassicGroup group, ClassicGroupMember m, Consumer<JoinGroupResponse> respond) {
        m.awaitJoin(respond);
        m.isNew = true;
        group.add(m);
        if (group.state == ClassicGroupState.PREPARING_REBALANCE && group.previousState == ClassicGroupState.EMPTY) {
            group.newMemberAdded = true;
        }
        sessions.arm(group, m, ClassicGroupCoordinator.NEW_MEMBER_JOIN_TIMEOUT_MS);
        if (group.canRebalance()) {
            phases.prepareRebalance(group, "adding new member " + m.clientId);
        } else {
            phases.maybeCompleteJoinPhase(group);
        }
    }

    private static void updateMember(ClassicGroup group, ClassicGroupMember m, JoinGroupRequest req, Consumer<JoinGroupResponse> respond) {
        group.replaceProtocols(m, req.protocols());
        m.sessionTimeoutMs = req.sessionTimeoutMs();
        m.rebalanceTimeoutMs = req.rebalanceTimeoutMs();
        m.awaitJoin(respond);
    }
}
