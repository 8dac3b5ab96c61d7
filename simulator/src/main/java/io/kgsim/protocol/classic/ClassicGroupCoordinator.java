package io.kgsim.protocol.classic;

import io.kgsim.engine.KeyedTimers;
import io.kgsim.engine.Simulation;
import io.kgsim.protocol.CoordinatorLog;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupCoordinator;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.GroupSnapshot;
import io.kgsim.protocol.OffsetStore;
import io.kgsim.scenario.BrokerConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * The broker's classic group coordinator: one handler per request (JoinGroup, SyncGroup,
 * Heartbeat, LeaveGroup, OffsetCommit) and per timer (session expiry, join-phase completion,
 * initial delay, pending sync), following {@code GroupMetadataManager}'s classic paths in
 * Kafka 4.x. Responses go back through the callbacks requests bring; a parked JoinGroup or
 * SyncGroup is answered when its phase completes. The phases themselves (prepare, join
 * completion, sync completion, pending-sync expiry) are {@link RebalancePhases}; JoinGroup past
 * its checks, by kind of member, is {@link ClassicGroupJoin}; members' sessions and KIP-394
 * pending members are {@link MemberSessions}.
 * Each group's state moves only through {@link ClassicGroup#transitionTo}.
 *
 * <p>The requests that write to {@code __consumer_offsets} (OffsetCommit, the leader's SyncGroup)
 * are answered once the write commits ({@link CoordinatorLog}), as {@code CoordinatorRuntime}
 * completes a write operation's response only when the high watermark passes its records.
 * Simplified: heartbeat answers are not held back behind pending writes (Kafka's runtime defers
 * a write operation without records until the writes before it are committed).
 */
public final class ClassicGroupCoordinator implements GroupCoordinator, ClassicGroupRequests {
    /** Kafka's fixed {@code classicGroupNewMemberJoinTimeoutMs}: a new member's first join deadline. */
    static final int NEW_MEMBER_JOIN_TIMEOUT_MS = 300_000;
    /** The reason the Java client gives in its LeaveGroup when {@code max.poll.interval.ms} expired. */
    static final String POLL_TIMEOUT_REASON = "consumer poll timeout has expired.";

    private final Simulation sim;
    private final BrokerConfig config;
    private final GroupEventListener events;
    /** Groups are looked up by id; only crash() and load() walk them, with no output-visible order. */
    private final Map<String, ClassicGroup> groups = new HashMap<>();
    /** The join, sync and pending-member timers: a crash takes them all. */
    private final KeyedTimers<String> timers;
    private final MemberSessions sessions;
    private final RebalancePhases phases;
    private final ClassicGroupJoin joins;
    private final CoordinatorLog log;
    /** False while the broker hosting this coordinator is down and no other has taken over. */
    private boolean available = true;

    public ClassicGroupCoordinator(Simulation sim, BrokerConfig config, GroupEventListener events) {
        this(sim, config, events, name -> List.of());
    }

    /**
     * @param fixedMemberIds the ids a scenario fixes, by client id (kgsim's client id and
     *                       group.instance.id are the member's name), in the order handed out
     */
    public ClassicGroupCoordinator(Simulation sim, BrokerConfig config, GroupEventListener events, Function<String, List<String>> fixedMemberIds) {
        this.sim = sim;
        this.config = config;
        this.events = events;
        this.timers = new KeyedTimers<>(sim);
        this.sessions = new MemberSessions(sim, timers, events, this::expireHeartbeat);
        this.phases = new RebalancePhases(sim, config, events, timers, sessions);
        this.joins = new ClassicGroupJoin(sim, events, new MemberIds(sim.seed(), fixedMemberIds), sessions, phases);
        this.log = new CoordinatorLog(sim, config.appendLingerMs(), config.coordinatorWriteLatencyUs());
    }

    // ---------------------------------------------------------------- the hosting broker

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
                sessions.cancel(m);
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
                sessions.rearm(g, m);
            }
            phases.resumeAfterLoad(g);
        }
    }

    // ---------------------------------------------------------------- the request preamble

    /**
     * What every request from a group member passes before its handler looks at the group's
     * state, in Kafka's order: NOT_COORDINATOR while the broker is down, UNKNOWN_MEMBER_ID for a
     * group this coordinator does not know.
     */
    private Errors validateGroup(ClassicGroup group) {
        if (!available) {
            return Errors.NOT_COORDINATOR;
        }
        return group == null ? Errors.UNKNOWN_MEMBER_ID : Errors.NONE;
    }

    /**
     * The whole preamble of SyncGroup, Heartbeat and OffsetCommit: {@link #validateGroup}, then
     * the member and its generation ({@link ClassicGroup#validateMember(String, String, int)}).
     */
    private Errors validate(ClassicGroup group, String memberId, String groupInstanceId, int generationId) {
        Errors error = validateGroup(group);
        return error != Errors.NONE ? error : group.validateMember(memberId, groupInstanceId, generationId);
    }

    // ---------------------------------------------------------------- JoinGroup

    @Override
    public void handleJoinGroup(JoinGroupRequest req, Consumer<JoinGroupResponse> respond) {
        if (!available) {
            respond.accept(JoinGroupResponse.error(Errors.NOT_COORDINATOR, req.memberId()));
            return;
        }
        if (req.sessionTimeoutMs() < config.groupMinSessionTimeoutMs() || req.sessionTimeoutMs() > config.groupMaxSessionTimeoutMs()) {
            respond.accept(JoinGroupResponse.error(Errors.INVALID_SESSION_TIMEOUT, req.memberId()));
            return;
        }
        ClassicGroup group = groupOrNew(req.groupId());
        if (group.state == ClassicGroupState.DEAD) {
            respond.accept(JoinGroupResponse.error(Errors.COORDINATOR_NOT_AVAILABLE, req.memberId()));
            return;
        }
        if (!acceptJoiningMember(group, req.memberId())) {
            ClassicGroupMember m = group.members.get(req.memberId());
            if (m != null) {
                sessions.remove(group, m, "group-max-size");
            }
            respond.accept(JoinGroupResponse.error(Errors.GROUP_MAX_SIZE_REACHED, ""));
            return;
        }
        if (!group.supportsProtocols(req.protocols())) {
            respond.accept(JoinGroupResponse.error(Errors.INCONSISTENT_GROUP_PROTOCOL, req.memberId()));
            return;
        }
        joins.join(group, req, respond);
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

    // ---------------------------------------------------------------- SyncGroup

    @Override
    public void handleSyncGroup(SyncGroupRequest req, Consumer<SyncGroupResponse> respond) {
        ClassicGroup group = groups.get(req.groupId());
        Errors invalid = validate(group, req.memberId(), req.groupInstanceId(), req.generationId());
        if (invalid != Errors.NONE) {
            respond.accept(SyncGroupResponse.error(invalid));
            return;
        }
        ClassicGroupMember m = group.members.get(req.memberId());
        switch (group.state) {
            case PREPARING_REBALANCE -> respond.accept(SyncGroupResponse.error(Errors.REBALANCE_IN_PROGRESS));
            case COMPLETING_REBALANCE -> {
                // Parked until the leader's SyncGroup brings the assignment (the leader's own included).
                m.awaitingSync = respond;
                phases.removePendingSync(group, m.memberId);
                if (group.isLeader(m.memberId)) {
                    completeSyncOnceWritten(group, req);
                }
            }
            case STABLE -> {
                // A resend (the answer was lost): the stored assignment again.
                phases.removePendingSync(group, m.memberId);
                respond.accept(new SyncGroupResponse(Errors.NONE, m.assignment));
            }
            default -> respond.accept(SyncGroupResponse.error(Errors.UNKNOWN_MEMBER_ID));
        }
    }

    /**
     * The leader's assignment is written to {@code __consumer_offsets} first; the parked
     * SyncGroups are answered when the write commits, unless the group moved on meanwhile (a
     * member joined or left: the rebalance that follows answered them REBALANCE_IN_PROGRESS) or
     * the coordinator died (its crash answered them NOT_COORDINATOR), as in Kafka's append future.
     */
    private void completeSyncOnceWritten(ClassicGroup group, SyncGroupRequest req) {
        int generation = req.generationId();
        log.append(() -> {
            if (available && group.state == ClassicGroupState.COMPLETING_REBALANCE && group.generationId == generation) {
                phases.completeSyncPhase(group, req.assignments());
            }
        });
    }

    // ---------------------------------------------------------------- Heartbeat, LeaveGroup, OffsetCommit, OffsetFetch

    @Override
    public void handleHeartbeat(HeartbeatRequest req, Consumer<Errors> respond) {
        ClassicGroup group = groups.get(req.groupId());
        Errors invalid = validate(group, req.memberId(), req.groupInstanceId(), req.generationId());
        if (invalid != Errors.NONE) {
            respond.accept(invalid);
            return;
        }
        ClassicGroupMember m = group.members.get(req.memberId());
        switch (group.state) {
            case PREPARING_REBALANCE -> {
                // The member keeps its session while it finishes its poll and rejoins.
                sessions.rearm(group, m);
                respond.accept(Errors.REBALANCE_IN_PROGRESS);
            }
            case COMPLETING_REBALANCE, STABLE -> {
                sessions.rearm(group, m);
                respond.accept(Errors.NONE);
            }
            default -> respond.accept(Errors.UNKNOWN_MEMBER_ID);
        }
    }

    @Override
    public void handleLeaveGroup(LeaveGroupRequest req, Consumer<Errors> respond) {
        ClassicGroup group = groups.get(req.groupId());
        Errors invalid = validateGroup(group);
        if (invalid == Errors.NONE && sessions.removePending(group, req.memberId())) {
            // A KIP-394 pending member leaves before it ever joined: nothing else to do.
            respond.accept(Errors.NONE);
            return;
        }
        if (invalid == Errors.NONE) {
            invalid = group.validateMember(req.memberId(), req.groupInstanceId());
        }
        if (invalid != Errors.NONE) {
            respond.accept(invalid);
            return;
        }
        ClassicGroupMember m = group.members.get(req.memberId());
        // The client says why it leaves; a poll timeout is reported as such (the trace's member-removed reasons).
        String removed = req.reason() != null && req.reason().startsWith(POLL_TIMEOUT_REASON) ? "poll-timeout" : "left";
        phases.removeMemberAndUpdateGroup(group, m, removed, "member " + m.clientId + " left the group: " + req.reason(), false);
        respond.accept(Errors.NONE);
    }

    @Override
    public void handleOffsetCommit(OffsetCommitRequest req, Consumer<Errors> respond) {
        ClassicGroup group = groups.get(req.groupId());
        Errors invalid = validate(group, req.memberId(), req.groupInstanceId(), req.generationId());
        if (invalid != Errors.NONE) {
            respond.accept(invalid);
            return;
        }
        switch (group.state) {
            // The assignment may change at the leader's SyncGroup: no commits in between.
            case COMPLETING_REBALANCE -> respond.accept(Errors.REBALANCE_IN_PROGRESS);
            case STABLE, PREPARING_REBALANCE -> {
                sessions.rearm(group, group.members.get(req.memberId()));
                for (var e : req.offsets().entrySet()) {
                    group.offsets.commit(e.getKey(), e.getValue());
                }
                if (!req.offsets().isEmpty()) {
                    events.on(GroupEvent.committed(sim.now(), group.groupId, req.clientId(), Epoch.generation(group.generationId), req.offsets(),
                            req.sentUs()));
                }
                // Kafka applies the records as it writes them; the member hears back once they are committed.
                log.append(() -> respond.accept(available ? Errors.NONE : Errors.NOT_COORDINATOR));
            }
            default -> respond.accept(Errors.UNKNOWN_MEMBER_ID);
        }
    }

    /** OffsetFetch: the committed offset of each partition, -1 where none was committed; null while unavailable. */
    @Override
    public void handleOffsetFetch(String groupId, List<TopicPartition> partitions, Consumer<Map<TopicPartition, Long>> respond) {
        if (!available) {
            respond.accept(null);
            return;
        }
        OffsetStore offsets = groupOrNew(groupId).offsets;
        Map<TopicPartition, Long> out = new HashMap<>();
        for (var tp : partitions) {
            out.put(tp, offsets.committed(tp));
        }
        respond.accept(out);
    }

    /** The committed offsets of {@code groupId}, for metrics (the group is created if absent). */
    @Override
    public OffsetStore offsets(String groupId) {
        return groupOrNew(groupId).offsets;
    }

    private ClassicGroup groupOrNew(String groupId) {
        return groups.computeIfAbsent(groupId, id -> new ClassicGroup(id, sim));
    }

    // ---------------------------------------------------------------- session expiry

    /**
     * A member's session, or a pending member's join deadline, passed. A pending member just goes
     * (the join phase may now be complete); a member blocked in JoinGroup or SyncGroup cannot
     * heartbeat and is kept; any other is removed and the group updated.
     */
    private void expireHeartbeat(ClassicGroup group, String memberId) {
        if (group.pendingJoinMembers.remove(memberId)) {
            if (group.state == ClassicGroupState.PREPARING_REBALANCE && group.hasAllMembersJoined()) {
                phases.completeJoinPhase(group);
            }
            return;
        }
        ClassicGroupMember m = group.members.get(memberId);
        if (m == null || m.hasSatisfiedHeartbeat()) {
            return;
        }
        phases.removeMemberAndUpdateGroup(group, m, "session-timeout", "removing member " + m.clientId + " on heartbeat expiration", true);
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

    /** The group in Kafka's words: its state as Kafka names it ({@code Stable}, {@code PreparingRebalance}, ...). */
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
