package io.kgsim.protocol.classic;

import io.kgsim.engine.Durations;
import io.kgsim.engine.KeyedTimers;
import io.kgsim.engine.RandomStreams;
import io.kgsim.engine.Simulation;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupCoordinator;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.GroupSnapshot;
import io.kgsim.protocol.OffsetStore;
import io.kgsim.scenario.BrokerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.common.protocol.Errors;

/**
 * The broker's classic group coordinator: one handler per request (JoinGroup, SyncGroup,
 * Heartbeat, LeaveGroup, OffsetCommit) and per timer (session expiry, join-phase completion,
 * initial delay, pending sync), following {@code GroupMetadataManager}'s classic paths in
 * Kafka 4.x. Responses go back through the callbacks requests bring; a parked JoinGroup or
 * SyncGroup is answered when its phase completes.
 *
 * <p>Simplified: group metadata writes commit instantly (Kafka waits for the
 * {@code __consumer_offsets} append, a few milliseconds), and heartbeat answers are not held
 * back behind pending writes.
 */
public final class ClassicGroupCoordinator implements GroupCoordinator, ClassicGroupRequests {
    /** Kafka's fixed {@code classicGroupNewMemberJoinTimeoutMs}: a new member's first join deadline. */
    static final int NEW_MEMBER_JOIN_TIMEOUT_MS = 300_000;
    /** The reason the Java client gives in its LeaveGroup when {@code max.poll.interval.ms} expired. */
    static final String POLL_TIMEOUT_REASON = "consumer poll timeout has expired.";

    private final Simulation sim;
    private final BrokerConfig config;
    private final GroupEventListener events;
    private final long seed;
    private final Map<String, ClassicGroup> groups = new HashMap<>();
    private final KeyedTimers<String> timers;
    private final Map<String, Integer> idsIssued = new HashMap<>();
    /** False while the broker hosting this coordinator is down and no other has taken over. */
    private boolean available = true;

    public ClassicGroupCoordinator(Simulation sim, BrokerConfig config, GroupEventListener events) {
        this.sim = sim;
        this.config = config;
        this.events = events;
        this.seed = sim.seed();
        this.timers = new KeyedTimers<>(sim);
    }

    // ---------------------------------------------------------------- JoinGroup

    @Override
    public boolean isAvailable() {
        return available;
    }

    /**
     * The hosting broker dies: the coordinator's timers die with it and every parked JoinGroup or
     * SyncGroup loses its connection. The groups themselves survive in {@code __consumer_offsets}.
     */
    @Override
    public void crash() {
        if (!available) {
            return;
        }
        available = false;
        timers.cancelAll();
        for (ClassicGroup g : groups.values()) {
            for (ClassicGroupMember m : g.members.values()) {
                sim.cancel(m.session);
                Consumer<JoinGroupResponse> join = m.takeAwaitingJoin();
                if (join != null) {
                    join.accept(JoinGroupResponse.error(Errors.NOT_COORDINATOR, m.memberId));
                }
                if (m.awaitingSync != null) {
                    Consumer<SyncGroupResponse> cb = m.awaitingSync;
                    m.awaitingSync = null;
                    cb.accept(SyncGroupResponse.error(Errors.NOT_COORDINATOR));
                }
            }
            g.pendingJoinMembers.clear();
        }
    }

    /**
     * Another broker became leader of the group's {@code __consumer_offsets} partition and loaded
     * the groups: every member gets a full session timeout from now (as Kafka re-arms heartbeats
     * on load), and a rebalance under way gets its timeout again.
     */
    @Override
    public void load() {
        if (available) {
            return;
        }
        available = true;
        for (ClassicGroup g : groups.values()) {
            for (ClassicGroupMember m : g.members.values()) {
                rearmSession(g, m);
            }
            switch (g.state) {
                case PREPARING_REBALANCE -> timers.schedule(joinKey(g), Durations.ms(g.rebalanceTimeoutMs()), () -> completeJoinPhase(g));
                case COMPLETING_REBALANCE -> {
                    int generation = g.generationId;
                    timers.schedule(syncKey(g), Durations.ms(g.rebalanceTimeoutMs()), () -> expirePendingSync(g, generation));
                }
                default -> {
                }
            }
        }
    }

    public void handleJoinGroup(JoinGroupRequest req, Consumer<JoinGroupResponse> respond) {
        if (!available) {
            respond.accept(JoinGroupResponse.error(Errors.NOT_COORDINATOR, req.memberId()));
            return;
        }
        if (req.sessionTimeoutMs() < config.groupMinSessionTimeoutMs() || req.sessionTimeoutMs() > config.groupMaxSessionTimeoutMs()) {
            respond.accept(JoinGroupResponse.error(Errors.INVALID_SESSION_TIMEOUT, req.memberId()));
            return;
        }
        ClassicGroup group = groups.computeIfAbsent(req.groupId(), ClassicGroup::new);
        if (group.state == ClassicGroupState.DEAD) {
            respond.accept(JoinGroupResponse.error(Errors.COORDINATOR_NOT_AVAILABLE, req.memberId()));
            return;
        }
        if (!acceptJoiningMember(group, req.memberId())) {
            ClassicGroupMember m = group.members.get(req.memberId());
            if (m != null) {
                removeMember(group, m, "group-max-size");
            }
            respond.accept(JoinGroupResponse.error(Errors.GROUP_MAX_SIZE_REACHED, ""));
            return;
        }
        if (!group.supportsProtocols(req.protocols())) {
            respond.accept(JoinGroupResponse.error(Errors.INCONSISTENT_GROUP_PROTOCOL, req.memberId()));
            return;
        }
        if (req.memberId().isEmpty()) {
            if (req.groupInstanceId() != null) {
                joinNewStaticMember(group, req, respond);
            } else {
                joinNewDynamicMember(group, req, respond);
            }
        } else {
            joinExistingMember(group, req, respond);
        }
    }

    /**
     * {@code group.max.size}: new members are turned away once the group is full; while
     * rebalancing the count is of members that have rejoined, so the last to rejoin are the
     * ones kicked out if the limit was lowered.
     */
    private boolean acceptJoiningMember(ClassicGroup group, String memberId) {
        ClassicGroupMember m = group.members.get(memberId);
        return switch (group.state) {
            case EMPTY, DEAD -> true;
            case PREPARING_REBALANCE -> (m != null && m.isAwaitingJoin()) || group.numAwaitingJoin() < config.groupMaxSize();
            case COMPLETING_REBALANCE, STABLE -> m != null || group.members.size() < config.groupMaxSize();
        };
    }

    /**
     * KIP-394: a dynamic member's first JoinGroup only reserves a member id. The member comes
     * back at once with it; until then it is pending, with its session timeout as deadline.
     */
    private void joinNewDynamicMember(ClassicGroup group, JoinGroupRequest req, Consumer<JoinGroupResponse> respond) {
        String memberId = newMemberId(group.groupId, req.clientId());
        group.pendingJoinMembers.add(memberId);
        timers.schedule(pendingKey(group, memberId), Durations.ms(req.sessionTimeoutMs()), () -> expireHeartbeat(group, memberId));
        respond.accept(JoinGroupResponse.error(Errors.MEMBER_ID_REQUIRED, memberId));
    }

    private void joinNewStaticMember(ClassicGroup group, JoinGroupRequest req, Consumer<JoinGroupResponse> respond) {
        String existing = group.staticMembers.get(req.groupInstanceId());
        if (existing != null) {
            rejoinStaticMember(group, existing, req, respond);
            return;
        }
        ClassicGroupMember m = new ClassicGroupMember(newMemberId(group.groupId, req.groupInstanceId()), req.groupInstanceId(),
                req.clientId(), req.sessionTimeoutMs(), req.rebalanceTimeoutMs(), req.protocols());
        addMemberThenRebalanceOrCompleteJoin(group, m, respond);
    }

    private void joinExistingMember(ClassicGroup group, JoinGroupRequest req, Consumer<JoinGroupResponse> respond) {
        String memberId = req.memberId();
        if (group.pendingJoinMembers.remove(memberId)) {
            timers.cancel(pendingKey(group, memberId));
            ClassicGroupMember m = new ClassicGroupMember(memberId, req.groupInstanceId(), req.clientId(),
                    req.sessionTimeoutMs(), req.rebalanceTimeoutMs(), req.protocols());
            addMemberThenRebalanceOrCompleteJoin(group, m, respond);
            return;
        }
        Errors invalid = validateMember(group, memberId, req.groupInstanceId());
        if (invalid != Errors.NONE) {
            respond.accept(JoinGroupResponse.error(invalid, memberId));
            return;
        }
        ClassicGroupMember m = group.members.get(memberId);
        switch (group.state) {
            case PREPARING_REBALANCE -> {
                updateMember(group, m, req, respond);
                maybeCompleteJoinPhase(group);
            }
            case COMPLETING_REBALANCE -> {
                if (m.matches(req.protocols())) {
                    // Same metadata: the member missed the JoinGroup response; send it again.
                    respond.accept(joinResponse(group, m, false));
                } else {
                    updateMember(group, m, req, respond);
                    prepareRebalance(group, "updating metadata for member " + m.clientId + " during CompletingRebalance");
                }
            }
            case STABLE -> {
                boolean unchanged = m.matches(req.protocols());
                if (group.isLeader(memberId) || !unchanged) {
                    // A leader's rejoin always rebalances: it may want to react to metadata changes.
                    updateMember(group, m, req, respond);
                    prepareRebalance(group, (group.isLeader(memberId) ? "leader " : "member ") + m.clientId + " rejoined with "
                            + (unchanged ? "unchanged" : "changed") + " metadata");
                } else {
                    respond.accept(joinResponse(group, m, false));
                }
            }
            default -> respond.accept(JoinGroupResponse.error(Errors.UNKNOWN_MEMBER_ID, memberId));
        }
    }

    /**
     * KIP-345: a static member coming back under its {@code group.instance.id} replaces its old
     * member id and keeps its assignment. In a Stable group with an unchanged protocol there is
     * no rebalance at all; a returning leader is told to skip the assignment (KIP-814).
     */
    private void rejoinStaticMember(ClassicGroup group, String oldMemberId, JoinGroupRequest req, Consumer<JoinGroupResponse> respond) {
        ClassicGroupMember old = group.members.get(oldMemberId);
        String newId = newMemberId(group.groupId, req.groupInstanceId());
        boolean wasLeader = group.isLeader(oldMemberId);
        if (old.awaitingJoin() != null) {
            old.awaitingJoin().accept(JoinGroupResponse.error(Errors.FENCED_INSTANCE_ID, oldMemberId));
        }
        if (old.awaitingSync != null) {
            old.awaitingSync.accept(SyncGroupResponse.error(Errors.FENCED_INSTANCE_ID));
        }
        sim.cancel(old.session);
        boolean wasPendingSync = group.pendingSyncMembers.contains(oldMemberId);
        String leader = group.leaderId;
        group.remove(oldMemberId);
        group.leaderId = leader;
        String previousProtocol = group.protocolName;
        ClassicGroupMember m = new ClassicGroupMember(newId, req.groupInstanceId(), req.clientId(),
                req.sessionTimeoutMs(), req.rebalanceTimeoutMs(), req.protocols());
        m.assignment = old.assignment;
        group.add(m);
        if (wasLeader) {
            group.leaderId = newId;
        }
        if (wasPendingSync) {
            group.pendingSyncMembers.add(newId);
        }
        rearmSession(group, m);
        events.on(GroupEvent.member(sim.now(), GroupEventType.MEMBER_REPLACED, group.groupId, m.clientId, Epoch.generation(group.generationId), "static-rejoin"));
        switch (group.state) {
            case STABLE -> {
                if (previousProtocol != null && previousProtocol.equals(group.selectProtocol())) {
                    respond.accept(joinResponse(group, m, wasLeader));
                } else {
                    m.awaitJoin(respond);
                    prepareRebalance(group, "static member " + m.clientId + " rejoined with a different protocol");
                }
            }
            case COMPLETING_REBALANCE -> {
                m.awaitJoin(respond);
                prepareRebalance(group, "static member " + m.clientId + " rejoined during CompletingRebalance");
            }
            case PREPARING_REBALANCE -> {
                m.awaitJoin(respond);
                maybeCompleteJoinPhase(group);
            }
            default -> respond.accept(JoinGroupResponse.error(Errors.UNKNOWN_MEMBER_ID, newId));
        }
    }

    private void addMemberThenRebalanceOrCompleteJoin(ClassicGroup group, ClassicGroupMember m, Consumer<JoinGroupResponse> respond) {
        m.awaitJoin(respond);
        m.isNew = true;
        group.add(m);
        if (group.state == ClassicGroupState.PREPARING_REBALANCE && group.previousState == ClassicGroupState.EMPTY) {
            group.newMemberAdded = true;
        }
        armSession(group, m, NEW_MEMBER_JOIN_TIMEOUT_MS);
        if (group.canRebalance()) {
            prepareRebalance(group, "adding new member " + m.clientId);
        } else {
            maybeCompleteJoinPhase(group);
        }
    }

    private void updateMember(ClassicGroup group, ClassicGroupMember m, JoinGroupRequest req, Consumer<JoinGroupResponse> respond) {
        group.replaceProtocols(m, req.protocols());
        m.sessionTimeoutMs = req.sessionTimeoutMs();
        m.rebalanceTimeoutMs = req.rebalanceTimeoutMs();
        m.awaitJoin(respond);
    }

    // ---------------------------------------------------------------- rebalance phases

    private void prepareRebalance(ClassicGroup group, String reason) {
        if (group.state == ClassicGroupState.COMPLETING_REBALANCE) {
            // Parked SyncGroups learn of the new rebalance; assignments are cleared.
            for (ClassicGroupMember m : group.members.values()) {
                m.assignment = new byte[0];
                if (m.awaitingSync != null) {
                    Consumer<SyncGroupResponse> cb = m.awaitingSync;
                    m.awaitingSync = null;
                    rearmSession(group, m);
                    cb.accept(SyncGroupResponse.error(Errors.REBALANCE_IN_PROGRESS));
                }
            }
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

    private void maybeCompleteJoinPhase(ClassicGroup group) {
        if (group.state == ClassicGroupState.PREPARING_REBALANCE && group.hasAllMembersJoined()
                && group.previousState != ClassicGroupState.EMPTY) {
            completeJoinPhase(group);
        }
    }

    /** The join phase ends: drop who did not rejoin, bump the generation, answer every JoinGroup. */
    private void completeJoinPhase(ClassicGroup group) {
        if (group.state != ClassicGroupState.PREPARING_REBALANCE) {
            return;
        }
        timers.cancel(joinKey(group));
        for (ClassicGroupMember m : new ArrayList<>(group.members.values())) {
            if (!m.isAwaitingJoin() && !m.isStatic()) {
                removeMember(group, m, "rebalance-timeout");
            }
        }
        if (!group.members.isEmpty() && group.numAwaitingJoin() == 0) {
            // Only static members that have not rejoined are left: wait for them once more.
            timers.schedule(joinKey(group), Durations.ms(group.rebalanceTimeoutMs()), () -> completeJoinPhase(group));
            return;
        }
        group.generationId++;
        if (group.members.isEmpty()) {
            // Kafka's GroupMetadataManager.completeClassicGroupJoin: initNextGeneration moves a
            // group nobody rejoined to Empty under a new generation ("is now empty") and writes
            // it; the rebalance is over. Announced as completed with no members, or the metrics
            // would count the group as rebalancing for as long as it stands empty.
            group.protocolName = null;
            group.transitionTo(ClassicGroupState.EMPTY);
            events.on(GroupEvent.rebalanceCompleted(sim.now(), group.groupId, Epoch.generation(group.generationId), List.of()));
            return;
        }
        group.protocolName = group.selectProtocol();
        group.transitionTo(ClassicGroupState.COMPLETING_REBALANCE);
        if (group.leaderId == null || !group.members.get(group.leaderId).isAwaitingJoin()) {
            for (ClassicGroupMember m : group.members.values()) {
                if (m.isAwaitingJoin()) {
                    group.leaderId = m.memberId;
                    break;
                }
            }
        }
        for (ClassicGroupMember m : group.members.values()) {
            Consumer<JoinGroupResponse> cb = m.takeAwaitingJoin();
            m.isNew = false;
            rearmSession(group, m);
            group.pendingSyncMembers.add(m.memberId);
            if (cb != null) {
                cb.accept(joinResponse(group, m, false));
            }
        }
        int generation = group.generationId;
        timers.schedule(syncKey(group), Durations.ms(group.rebalanceTimeoutMs()), () -> expirePendingSync(group, generation));
    }

    private JoinGroupResponse joinResponse(ClassicGroup group, ClassicGroupMember m, boolean skipAssignment) {
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

    // ---------------------------------------------------------------- SyncGroup

    public void handleSyncGroup(SyncGroupRequest req, Consumer<SyncGroupResponse> respond) {
        if (!available) {
            respond.accept(SyncGroupResponse.error(Errors.NOT_COORDINATOR));
            return;
        }
        ClassicGroup group = groups.get(req.groupId());
        if (group == null) {
            respond.accept(SyncGroupResponse.error(Errors.UNKNOWN_MEMBER_ID));
            return;
        }
        Errors invalid = validateMember(group, req.memberId(), req.groupInstanceId());
        if (invalid == Errors.NONE && req.generationId() != group.generationId) {
            invalid = Errors.ILLEGAL_GENERATION;
        }
        if (invalid != Errors.NONE) {
            respond.accept(SyncGroupResponse.error(invalid));
            return;
        }
        ClassicGroupMember m = group.members.get(req.memberId());
        switch (group.state) {
            case PREPARING_REBALANCE -> respond.accept(SyncGroupResponse.error(Errors.REBALANCE_IN_PROGRESS));
            case COMPLETING_REBALANCE -> {
                m.awaitingSync = respond;
                removePendingSync(group, m.memberId);
                if (group.isLeader(m.memberId)) {
                    for (ClassicGroupMember x : group.members.values()) {
                        byte[] a = req.assignments().get(x.memberId);
                        x.assignment = a == null ? new byte[0] : a;
                    }
                    propagateAssignment(group);
                    group.transitionTo(ClassicGroupState.STABLE);
                    events.on(GroupEvent.rebalanceCompleted(sim.now(), group.groupId, Epoch.generation(group.generationId),
                            group.memberNames()));
                }
            }
            case STABLE -> {
                removePendingSync(group, m.memberId);
                respond.accept(new SyncGroupResponse(Errors.NONE, m.assignment));
            }
            default -> respond.accept(SyncGroupResponse.error(Errors.UNKNOWN_MEMBER_ID));
        }
    }

    private void propagateAssignment(ClassicGroup group) {
        for (ClassicGroupMember m : group.members.values()) {
            if (m.awaitingSync != null) {
                Consumer<SyncGroupResponse> cb = m.awaitingSync;
                m.awaitingSync = null;
                rearmSession(group, m);
                cb.accept(new SyncGroupResponse(Errors.NONE, m.assignment));
            }
        }
    }

    private void removePendingSync(ClassicGroup group, String memberId) {
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
                removeMember(group, m, "sync-timeout");
            }
        }
        prepareRebalance(group, "removing members on pending sync request expiration");
    }

    // ---------------------------------------------------------------- Heartbeat, LeaveGroup, OffsetCommit

    public void handleHeartbeat(HeartbeatRequest req, Consumer<Errors> respond) {
        if (!available) {
            respond.accept(Errors.NOT_COORDINATOR);
            return;
        }
        ClassicGroup group = groups.get(req.groupId());
        if (group == null) {
            respond.accept(Errors.UNKNOWN_MEMBER_ID);
            return;
        }
        Errors invalid = validateMember(group, req.memberId(), req.groupInstanceId());
        if (invalid == Errors.NONE && req.generationId() != group.generationId) {
            invalid = Errors.ILLEGAL_GENERATION;
        }
        if (invalid != Errors.NONE) {
            respond.accept(invalid);
            return;
        }
        ClassicGroupMember m = group.members.get(req.memberId());
        switch (group.state) {
            case PREPARING_REBALANCE -> {
                rearmSession(group, m);
                respond.accept(Errors.REBALANCE_IN_PROGRESS);
            }
            case COMPLETING_REBALANCE, STABLE -> {
                rearmSession(group, m);
                respond.accept(Errors.NONE);
            }
            default -> respond.accept(Errors.UNKNOWN_MEMBER_ID);
        }
    }

    public void handleLeaveGroup(LeaveGroupRequest req, Consumer<Errors> respond) {
        if (!available) {
            respond.accept(Errors.NOT_COORDINATOR);
            return;
        }
        ClassicGroup group = groups.get(req.groupId());
        if (group == null) {
            respond.accept(Errors.UNKNOWN_MEMBER_ID);
            return;
        }
        if (group.pendingJoinMembers.remove(req.memberId())) {
            timers.cancel(pendingKey(group, req.memberId()));
            respond.accept(Errors.NONE);
            return;
        }
        Errors invalid = validateMember(group, req.memberId(), req.groupInstanceId());
        if (invalid != Errors.NONE) {
            respond.accept(invalid);
            return;
        }
        ClassicGroupMember m = group.members.get(req.memberId());
        // The client says why it leaves; a poll timeout is reported as such (the trace's member-removed reasons).
        String removed = req.reason() != null && req.reason().startsWith(POLL_TIMEOUT_REASON) ? "poll-timeout" : "left";
        removeMemberAndUpdateGroup(group, m, removed, "member " + m.clientId + " left the group: " + req.reason(), false);
        respond.accept(Errors.NONE);
    }

    public void handleOffsetCommit(OffsetCommitRequest req, Consumer<Errors> respond) {
        if (!available) {
            respond.accept(Errors.NOT_COORDINATOR);
            return;
        }
        ClassicGroup group = groups.get(req.groupId());
        if (group == null) {
            respond.accept(Errors.UNKNOWN_MEMBER_ID);
            return;
        }
        Errors invalid = validateMember(group, req.memberId(), req.groupInstanceId());
        if (invalid == Errors.NONE && req.generationId() != group.generationId) {
            invalid = Errors.ILLEGAL_GENERATION;
        }
        if (invalid != Errors.NONE) {
            respond.accept(invalid);
            return;
        }
        switch (group.state) {
            case COMPLETING_REBALANCE -> respond.accept(Errors.REBALANCE_IN_PROGRESS);
            case STABLE, PREPARING_REBALANCE -> {
                rearmSession(group, group.members.get(req.memberId()));
                for (var e : req.offsets().entrySet()) {
                    group.offsets.commit(e.getKey(), e.getValue());
                }
                if (!req.offsets().isEmpty()) {
                    events.on(GroupEvent.committed(sim.now(), group.groupId, req.clientId(), Epoch.generation(group.generationId), req.offsets(),
                            req.sentUs()));
                }
                respond.accept(Errors.NONE);
            }
            default -> respond.accept(Errors.UNKNOWN_MEMBER_ID);
        }
    }

    /** OffsetFetch: the committed offset of each partition, -1 where none was committed. */
    public void handleOffsetFetch(String groupId, java.util.List<org.apache.kafka.common.TopicPartition> partitions,
                                  Consumer<java.util.Map<org.apache.kafka.common.TopicPartition, Long>> respond) {
        if (!available) {
            respond.accept(null);
            return;
        }
        ClassicGroup group = groups.computeIfAbsent(groupId, ClassicGroup::new);
        java.util.Map<org.apache.kafka.common.TopicPartition, Long> out = new java.util.HashMap<>();
        for (var tp : partitions) {
            out.put(tp, group.offsets.committed(tp));
        }
        respond.accept(out);
    }

    /** The committed offsets of {@code groupId}, for metrics (the group is created if absent). */
    @Override
    public OffsetStore offsets(String groupId) {
        return groups.computeIfAbsent(groupId, ClassicGroup::new).offsets;
    }

    // ---------------------------------------------------------------- expiry and removal

    private void expireHeartbeat(ClassicGroup group, String memberId) {
        if (group.pendingJoinMembers.remove(memberId)) {
            if (group.state == ClassicGroupState.PREPARING_REBALANCE && group.hasAllMembersJoined()) {
                completeJoinPhase(group);
            }
            return;
        }
        ClassicGroupMember m = group.members.get(memberId);
        if (m == null || m.hasSatisfiedHeartbeat()) {
            return;
        }
        removeMemberAndUpdateGroup(group, m, "session-timeout", "removing member " + m.clientId + " on heartbeat expiration", true);
    }

    private void removeMemberAndUpdateGroup(ClassicGroup group, ClassicGroupMember m, String removedReason, String rebalanceReason, boolean completeDirectly) {
        Consumer<JoinGroupResponse> cb = m.takeAwaitingJoin();
        if (cb != null) {
            cb.accept(JoinGroupResponse.error(Errors.UNKNOWN_MEMBER_ID, m.memberId));
        }
        removeMember(group, m, removedReason);
        switch (group.state) {
            case STABLE, COMPLETING_REBALANCE -> prepareRebalance(group, rebalanceReason);
            case PREPARING_REBALANCE -> {
                if (completeDirectly) {
                    // Kafka's expiry path completes the join directly, even during the initial delay.
                    if (group.hasAllMembersJoined()) {
                        completeJoinPhase(group);
                    }
                } else {
                    maybeCompleteJoinPhase(group);
                }
            }
            default -> {
            }
        }
    }

    private void removeMember(ClassicGroup group, ClassicGroupMember m, String reason) {
        sim.cancel(m.session);
        group.remove(m.memberId);
        events.on(GroupEvent.member(sim.now(), GroupEventType.MEMBER_REMOVED, group.groupId, m.clientId, Epoch.generation(group.generationId), reason));
    }

    private void rearmSession(ClassicGroup group, ClassicGroupMember m) {
        armSession(group, m, m.sessionTimeoutMs);
    }

    /**
     * Arms the member's heartbeat expiration (Kafka's heartbeat key in the coordinator timer).
     * One timer per member, re-armed in place: a heartbeat costs no allocation, and pushing the
     * deadline later costs the queue nothing until the old deadline comes.
     */
    private void armSession(ClassicGroup group, ClassicGroupMember m, int timeoutMs) {
        if (m.session == null) {
            m.session = sim.newTimer(() -> expireHeartbeat(group, m.memberId));
        }
        sim.reschedule(m.session, Durations.ms(timeoutMs));
    }

    private static Errors validateMember(ClassicGroup group, String memberId, String groupInstanceId) {
        if (groupInstanceId != null) {
            String current = group.staticMembers.get(groupInstanceId);
            if (current != null && !current.equals(memberId)) {
                return Errors.FENCED_INSTANCE_ID;
            }
        }
        return group.members.containsKey(memberId) ? Errors.NONE : Errors.UNKNOWN_MEMBER_ID;
    }

    // ---------------------------------------------------------------- ids and keys

    /**
     * {@code clientId-<uuid>} as the broker builds member ids, with the uuid derived from the seed,
     * the group, the client and how many ids that client was given (never random).
     */
    private String newMemberId(String groupId, String clientId) {
        String key = groupId + "/" + clientId;
        int n = idsIssued.merge(key, 1, Integer::sum);
        long hi = RandomStreams.derive(seed, "member-id/" + key + "/" + n);
        long lo = RandomStreams.derive(seed, "member-id-lo/" + key + "/" + n);
        return clientId + "-" + new UUID(hi, lo);
    }

    /** A KIP-394 pending member (an id handed out, no member yet) expires on its own key. */
    private static String pendingKey(ClassicGroup group, String memberId) {
        return "pending-" + group.groupId + "-" + memberId;
    }

    private static String joinKey(ClassicGroup group) {
        return "join-" + group.groupId;
    }

    private static String syncKey(ClassicGroup group) {
        return "sync-" + group.groupId;
    }

    // ---------------------------------------------------------------- views for observers

    /**
     * Read-only looks at a group for invariant checkers and metrics, all O(1): they are asked
     * after every event that may settle a group, so none of them copies the member list.
     */
    public ClassicGroupState state(String groupId) {
        ClassicGroup g = groups.get(groupId);
        return g == null ? ClassicGroupState.EMPTY : g.state;
    }

    public int generationId(String groupId) {
        ClassicGroup g = groups.get(groupId);
        return g == null ? 0 : g.generationId;
    }

    @Override
    public boolean hasMember(String groupId, String memberId) {
        ClassicGroup g = groups.get(groupId);
        return g != null && memberId != null && g.members.containsKey(memberId);
    }

    @Override
    public GroupSnapshot snapshot(String groupId) {
        ClassicGroup g = groups.get(groupId);
        if (g == null) {
            return new GroupSnapshot(ClassicGroupState.EMPTY.toString(), Epoch.generation(0), 0, false);
        }
        return new GroupSnapshot(g.state.toString(), Epoch.generation(g.generationId), g.members.size(),
                g.state == ClassicGroupState.STABLE);
    }

    public int memberCount(String groupId) {
        ClassicGroup g = groups.get(groupId);
        return g == null ? 0 : g.members.size();
    }
}
