package io.kgsim.protocol.classic;

import io.kgsim.engine.Durations;
import io.kgsim.engine.KeyedTimers;
import io.kgsim.engine.Simulation;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.scenario.BrokerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.protocol.Errors;

/**
 * A classic group's rebalance, phase by phase, as {@code GroupMetadataManager} drives it: prepare
 * (PreparingRebalance, with the delayed initial join of an empty group), join completion (a new
 * generation, every parked JoinGroup answered), sync completion (the leader's assignment handed
 * out, Stable), and the pending-sync expiry that removes members which never sent SyncGroup.
 * The request handlers and the session expiry call in here; the phases' own timers (join, sync)
 * live here too.
 */
final class RebalancePhases {
    private final Simulation sim;
    private final BrokerConfig config;
    private final GroupEventListener events;
    private final KeyedTimers<String> timers;
    private final MemberSessions sessions;

    RebalancePhases(Simulation sim, BrokerConfig config, GroupEventListener events, KeyedTimers<String> timers, MemberSessions sessions) {
        this.sim = sim;
        this.config = config;
        this.events = events;
        this.timers = timers;
        this.sessions = sessions;
    }

    // ---------------------------------------------------------------- prepare

    /** Kafka's {@code prepareRebalance}: the group goes to PreparingRebalance and starts collecting JoinGroups. */
    void prepareRebalance(ClassicGroup group, String reason) {
        if (group.state == ClassicGroupState.COMPLETING_REBALANCE) {
            resetAssignments(group);
        }
        timers.cancel(syncKey(group));
        group.pendingSyncMembers.clear();
        boolean initial = group.state == ClassicGroupState.EMPTY;
        group.transitionTo(ClassicGroupState.PREPARING_REBALANCE);
        events.on(GroupEvent.group(sim.now(), GroupEventType.REBALANCE_STARTED, group.groupId, Epoch.generation(group.generationId), reason));
        if (initial) {
            // The broker's delayed initial join: wait group.initial.rebalance.delay.ms for more
            // members, extending while new ones keep arriving, never past the rebalance timeout.
            int delay = config.groupInitialRebalanceDelayMs();
            int remaining = Math.max(group.rebalanceTimeoutMs() - delay, 0);
            timers.schedule(joinKey(group), Durations.ms(delay), () -> tryCompleteInitialRebalance(group, delay, remaining));
        } else if (group.hasAllMembersJoined()) {
            completeJoinPhase(group);
        } else {
            timers.schedule(joinKey(group), Durations.ms(group.rebalanceTimeoutMs()), () -> completeJoinPhase(group));
        }
    }

    /** A rebalance that interrupts CompletingRebalance: parked SyncGroups learn of it; assignments are cleared. */
    private void resetAssignments(ClassicGroup group) {
        for (ClassicGroupMember m : group.members.values()) {
            m.assignment = new byte[0];
            if (m.awaitingSync != null) {
                Consumer<SyncGroupResponse> cb = m.awaitingSync;
                m.awaitingSync = null;
                sessions.rearm(group, m);
                cb.accept(SyncGroupResponse.error(Errors.REBALANCE_IN_PROGRESS));
            }
        }
    }

    /**
     * A tick of the delayed initial join ({@code tryCompleteInitialRebalanceElseSchedule}): if a
     * member was added during the last delay, wait another delay (capped by what is left of the
     * rebalance timeout); otherwise complete the join.
     */
    private void tryCompleteInitialRebalance(ClassicGroup group, int delay, int remaining) {
        if (group.newMemberAdded && remaining != 0) {
            group.newMemberAdded = false;
            int newDelay = Math.min(config.groupInitialRebalanceDelayMs(), remaining);
            int newRemaining = Math.max(remaining - delay, 0);
            timers.schedule(joinKey(group), Durations.ms(newDelay), () -> tryCompleteInitialRebalance(group, newDelay, newRemaining));
        } else {
            completeJoinPhase(group);
        }
    }

    /** Completes the join phase once every member has rejoined, except during the initial delay. */
    void maybeCompleteJoinPhase(ClassicGroup group) {
        if (group.state == ClassicGroupState.PREPARING_REBALANCE && group.hasAllMembersJoined()
                && group.previousState != ClassicGroupState.EMPTY) {
            completeJoinPhase(group);
        }
    }

    // ---------------------------------------------------------------- join completion

    /**
     * The join phase ends ({@code completeClassicGroupJoin}): drop who did not rejoin, bump the
     * generation, answer every JoinGroup and wait for the SyncGroups.
     */
    void completeJoinPhase(ClassicGroup group) {
        if (group.state != ClassicGroupState.PREPARING_REBALANCE) {
            return;
        }
        timers.cancel(joinKey(group));
        removeMembersThatDidNotRejoin(group);
        if (!group.members.isEmpty() && group.numAwaitingJoin() == 0) {
            // Only static members that have not rejoined are left: wait for them once more.
            timers.schedule(joinKey(group), Durations.ms(group.rebalanceTimeoutMs()), () -> completeJoinPhase(group));
            return;
        }
        initNextGeneration(group);
        if (group.state == ClassicGroupState.EMPTY) {
            // Announced as completed with no members, or the metrics would count the group as
            // rebalancing for as long as it stands empty.
            events.on(GroupEvent.rebalanceCompleted(sim.now(), group.groupId, Epoch.generation(group.generationId), List.of()));
            return;
        }
        electLeaderAmongJoined(group);
        answerJoins(group);
        int generation = group.generationId;
        timers.schedule(syncKey(group), Durations.ms(group.rebalanceTimeoutMs()), () -> expirePendingSync(group, generation));
    }

    /** Dynamic members that did not rejoin in time are out; static ones keep their place. */
    private void removeMembersThatDidNotRejoin(ClassicGroup group) {
        for (ClassicGroupMember m : new ArrayList<>(group.members.values())) {
            if (!m.isAwaitingJoin() && !m.isStatic()) {
                sessions.remove(group, m, "rebalance-timeout");
            }
        }
    }

    /**
     * Kafka's {@code initNextGeneration}: a new generation with the protocol the members chose, in
     * CompletingRebalance; a group nobody rejoined goes to Empty under its new generation.
     */
    private void initNextGeneration(ClassicGroup group) {
        group.generationId++;
        if (group.members.isEmpty()) {
            group.protocolName = null;
            group.transitionTo(ClassicGroupState.EMPTY);
        } else {
            group.protocolName = group.selectProtocol();
            group.transitionTo(ClassicGroupState.COMPLETING_REBALANCE);
        }
    }

    /** A leader that did not rejoin hands over to the longest-standing member that did. */
    private static void electLeaderAmongJoined(ClassicGroup group) {
        if (group.leaderId != null && group.members.get(group.leaderId).isAwaitingJoin()) {
            return;
        }
        for (ClassicGroupMember m : group.members.values()) {
            if (m.isAwaitingJoin()) {
                group.leaderId = m.memberId;
                return;
            }
        }
    }

    /** Every parked JoinGroup gets the new generation; every member now owes a SyncGroup. */
    private void answerJoins(ClassicGroup group) {
        for (ClassicGroupMember m : group.members.values()) {
            Consumer<JoinGroupResponse> cb = m.takeAwaitingJoin();
            m.isNew = false;
            sessions.rearm(group, m);
            group.pendingSyncMembers.add(m.memberId);
            if (cb != null) {
                cb.accept(joinResponse(group, m, false));
            }
        }
    }

    /** A successful JoinGroup answer; the leader's lists every member with its metadata. */
    static JoinGroupResponse joinResponse(ClassicGroup group, ClassicGroupMember m, boolean skipAssignment) {
        List<JoinGroupResponse.JoinedMember> members = List.of();
        if (group.isLeader(m.memberId)) {
            List<JoinGroupResponse.JoinedMember> list = new ArrayList<>();
            for (ClassicGroupMember x : group.members.values()) {
                list.add(new JoinGroupResponse.JoinedMember(x.memberId, x.groupInstanceId, x.metadataFor(group.protocolName)));
            }
            members = List.copyOf(list);
        }
        return new JoinGroupResponse(Errors.NONE, group.generationId, group.protocolName, group.leaderId, m.memberId, skipAssignment, members);
    }

    // ---------------------------------------------------------------- sync completion and expiry

    /**
     * The leader's SyncGroup arrived: store each member's assignment (none for a member the
     * leader left out), answer every parked SyncGroup, and the group is Stable.
     */
    void completeSyncPhase(ClassicGroup group, Map<String, byte[]> assignments) {
        for (ClassicGroupMember x : group.members.values()) {
            byte[] a = assignments.get(x.memberId);
            x.assignment = a == null ? new byte[0] : a;
        }
        propagateAssignment(group);
        group.transitionTo(ClassicGroupState.STABLE);
        events.on(GroupEvent.rebalanceCompleted(sim.now(), group.groupId, Epoch.generation(group.generationId), group.memberNames()));
    }

    private void propagateAssignment(ClassicGroup group) {
        for (ClassicGroupMember m : group.members.values()) {
            if (m.awaitingSync != null) {
                Consumer<SyncGroupResponse> cb = m.awaitingSync;
                m.awaitingSync = null;
                sessions.rearm(group, m);
                cb.accept(new SyncGroupResponse(Errors.NONE, m.assignment));
            }
        }
    }

    /** The member sent its SyncGroup; when nobody owes one any more, the expiry is off. */
    void removePendingSync(ClassicGroup group, String memberId) {
        if (group.pendingSyncMembers.remove(memberId) && group.pendingSyncMembers.isEmpty()) {
            timers.cancel(syncKey(group));
        }
    }

    /** Members that never sent SyncGroup within the rebalance timeout are removed (KAFKA-12890). */
    private void expirePendingSync(ClassicGroup group, int generation) {
        if (generation != group.generationId || group.pendingSyncMembers.isEmpty()) {
            return;
        }
        if (group.state != ClassicGroupState.COMPLETING_REBALANCE && group.state != ClassicGroupState.STABLE) {
            return;
        }
        for (String id : new ArrayList<>(group.pendingSyncMembers)) {
            ClassicGroupMember m = group.members.get(id);
            if (m != null) {
                sessions.remove(group, m, "sync-timeout");
            }
        }
        prepareRebalance(group, "removing members on pending sync request expiration");
    }

    // ---------------------------------------------------------------- removal and reload

    /**
     * Kafka's {@code removeMemberAndUpdateClassicGroup}: a parked JoinGroup learns it is out, and
     * the group rebalances (Stable, CompletingRebalance) or may finish its join phase. The
     * session-expiry path ({@code completeDirectly}) completes the join even during the initial
     * delay, as Kafka's does; a LeaveGroup waits for the delay.
     */
    void removeMemberAndUpdateGroup(ClassicGroup group, ClassicGroupMember m, String removedReason, String rebalanceReason,
                                    boolean completeDirectly) {
        Consumer<JoinGroupResponse> cb = m.takeAwaitingJoin();
        if (cb != null) {
            cb.accept(JoinGroupResponse.error(Errors.UNKNOWN_MEMBER_ID, m.memberId));
        }
        sessions.remove(group, m, removedReason);
        switch (group.state) {
            case STABLE, COMPLETING_REBALANCE -> prepareRebalance(group, rebalanceReason);
            case PREPARING_REBALANCE -> {
                if (!completeDirectly) {
                    maybeCompleteJoinPhase(group);
                } else if (group.hasAllMembersJoined()) {
                    completeJoinPhase(group);
                }
            }
            default -> {
            }
        }
    }

    /** The group was loaded on a new coordinator: a rebalance under way gets its timeout again. */
    void resumeAfterLoad(ClassicGroup group) {
        switch (group.state) {
            case PREPARING_REBALANCE -> timers.schedule(joinKey(group), Durations.ms(group.rebalanceTimeoutMs()), () -> completeJoinPhase(group));
            case COMPLETING_REBALANCE -> {
                int generation = group.generationId;
                timers.schedule(syncKey(group), Durations.ms(group.rebalanceTimeoutMs()), () -> expirePendingSync(group, generation));
            }
            default -> {
            }
        }
    }

    private static String joinKey(ClassicGroup group) {
        return "join-" + group.groupId;
    }

    private static String syncKey(ClassicGroup group) {
        return "sync-" + group.groupId;
    }
}
