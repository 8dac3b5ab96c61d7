package io.kgsim.protocol.consumer;

import io.kgsim.cluster.ClusterModel;
import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import io.kgsim.protocol.CoordinatorLog;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupCoordinator;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.GroupSnapshot;
import io.kgsim.protocol.OffsetStore;
import io.kgsim.scenario.ConsumerGroupBrokerConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.protocol.Errors;

/**
 * The broker's consumer group coordinator (KIP-848), following {@code GroupMetadataManager}'s
 * consumer paths in Kafka 4.4: one handler per request ({@code ConsumerGroupHeartbeat},
 * OffsetCommit, OffsetFetch) and per timer (session expiry, revocation expiry). The heartbeat
 * itself is {@link HeartbeatHandler}; this class holds the groups, the timers, leaving and
 * fencing, offsets and failover.
 *
 * <p>A heartbeat that changed the group (a new or updated member, an epoch bump, a target
 * computed, a member's assignment moved), a leave and an offset commit write records to
 * {@code __consumer_offsets} and are answered once the write commits ({@link CoordinatorLog}), as
 * {@code CoordinatorRuntime} completes a write operation's response only then; the group's state
 * changes at once, as the runtime applies records when it writes them.
 * Simplified: a heartbeat that wrote nothing is answered at once (Kafka's runtime holds it until
 * the writes before it are committed); group-level
 * config overrides ({@code consumer.session.timeout.ms} etc.) and regex subscriptions are not
 * modelled.
 */
public final class ConsumerGroupCoordinator implements GroupCoordinator, ConsumerGroupRequests {
    private final Simulation sim;
    private final ConsumerGroupBrokerConfig config;
    private final GroupEventListener events;
    private final KafkaCoordinatorAdapter kafka;
    private final HeartbeatHandler heartbeats;
    private final CoordinatorLog log;
    /** Sorted by group id: load() re-arms timers in one fixed order. */
    private final SortedMap<String, ConsumerGroup> groups = new TreeMap<>();
    private boolean available = true;

    /**
     * @param config the broker's {@code group.consumer.*} configs; its assignors are loaded now
     * @throws IllegalArgumentException when an assignor class cannot be loaded
     */
    public ConsumerGroupCoordinator(Simulation sim, ClusterModel cluster, ConsumerGroupBrokerConfig config, GroupEventListener events) {
        this(sim, cluster, config, events, -1, 0);
    }

    /**
     * @param appendLingerMs {@code group.coordinator.append.linger.ms}
     * @param writeLatencyUs how long a write to {@code __consumer_offsets} takes to commit
     */
    public ConsumerGroupCoordinator(Simulation sim, ClusterModel cluster, ConsumerGroupBrokerConfig config, GroupEventListener events,
                                    int appendLingerMs, long writeLatencyUs) {
        this.log = new CoordinatorLog(sim, appendLingerMs, writeLatencyUs);
        this.sim = sim;
        this.config = config;
        this.events = events;
        this.kafka = new KafkaCoordinatorAdapter(sim, cluster, config.assignors());
        this.heartbeats = new HeartbeatHandler(sim, this, kafka, config);
    }

    // ---------------------------------------------------------------- requests

    @Override
    public boolean isAvailable() {
        return available;
    }

    @Override
    public void handleHeartbeat(ConsumerGroupHeartbeatRequest req, Consumer<ConsumerGroupHeartbeatResponse> respond) {
        if (!available) {
            respond.accept(ConsumerGroupHeartbeatResponse.error(Errors.NOT_COORDINATOR, null, req.memberId()));
            return;
        }
        ConsumerGroupHeartbeatResponse response;
        boolean wrote;
        try {
            HeartbeatRequestValidation.throwIfInvalid(req, kafka::supportsAssignor);
            if (req.isLeave()) {
                response = leave(req);
                wrote = true;
            } else {
                HeartbeatHandler.Handled handled = heartbeats.handle(req);
                response = handled.response();
                wrote = handled.wrote();
            }
        } catch (ApiException e) {
            // As in Kafka: an error aborts the whole request, so nothing changed and no session was re-armed.
            response = ConsumerGroupHeartbeatResponse.error(Errors.forException(e), e.getMessage(), req.memberId());
            wrote = false;
        }
        if (wrote) {
            ConsumerGroupHeartbeatResponse written = response;
            log.append(() -> respond.accept(available ? written
                    : ConsumerGroupHeartbeatResponse.error(Errors.NOT_COORDINATOR, null, req.memberId())));
        } else {
            respond.accept(response);
        }
    }

    /**
     * {@code consumerGroupLeave}: -1 removes the member (a static one too) and bumps the group
     * epoch; -2 keeps a static member's place and partitions, with no bump, until its session
     * expires or it comes back.
     */
    private ConsumerGroupHeartbeatResponse leave(ConsumerGroupHeartbeatRequest req) {
        ConsumerGroup group = groups.get(req.groupId());
        if (group == null) {
            throw Errors.GROUP_ID_NOT_FOUND.exception("Group " + req.groupId() + " not found.");
        }
        ConsumerGroupMember m;
        if (req.instanceId() == null) {
            m = group.member(req.memberId());
            if (m == null) {
                throw Errors.UNKNOWN_MEMBER_ID.exception("Member " + req.memberId() + " is not a member of group " + req.groupId() + ".");
            }
        } else {
            m = group.staticMember(req.instanceId());
            if (m == null) {
                throw Errors.UNKNOWN_MEMBER_ID.exception("Instance id " + req.instanceId() + " is unknown.");
            }
            if (!m.memberId.equals(req.memberId())) {
                throw Errors.FENCED_INSTANCE_ID.exception("Instance id " + req.instanceId() + " is owned by another member.");
            }
        }
        if (req.memberEpoch() == ConsumerGroupHeartbeatRequest.LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
            // The rebalance timer, if any, stays armed: it captured another epoch and will be ignored.
            group.updateAssignment(m, m.assignment.temporarilyLeft());
            updateState(group);
        } else {
            fence(group, m, "left", "member " + m.clientId + " left the group");
        }
        return new ConsumerGroupHeartbeatResponse(Errors.NONE, null, req.memberId(), req.memberEpoch(), 0, null);
    }

    @Override
    public void handleOffsetCommit(OffsetCommitRequest req, Consumer<Errors> respond) {
        if (!available) {
            respond.accept(Errors.NOT_COORDINATOR);
            return;
        }
        ConsumerGroup group = groups.get(req.groupId());
        if (group == null && req.memberEpoch() >= 0) {
            respond.accept(Errors.GROUP_ID_NOT_FOUND);
            return;
        }
        if (group == null) {
            group = group(req.groupId());
        }
        Errors invalid = OffsetCommitValidation.validate(group, req.memberId(), req.memberEpoch(), req.offsets().keySet());
        if (invalid != Errors.NONE) {
            respond.accept(invalid);
            return;
        }
        for (var e : req.offsets().entrySet()) {
            group.offsets.commit(e.getKey(), e.getValue());
        }
        if (!req.offsets().isEmpty()) {
            events.on(GroupEvent.committed(sim.now(), group.groupId, req.clientId(), Epoch.consumer(group.groupEpoch, req.memberEpoch()),
                    req.offsets(), req.sentUs()));
        }
        // Kafka applies the records as it writes them; the member hears back once they are committed.
        log.append(() -> respond.accept(available ? Errors.NONE : Errors.NOT_COORDINATOR));
    }

    @Override
    public void handleOffsetFetch(OffsetFetchRequest req, Consumer<OffsetFetchResponse> respond) {
        if (!available) {
            respond.accept(OffsetFetchResponse.error(Errors.NOT_COORDINATOR));
            return;
        }
        ConsumerGroup group = group(req.groupId());
        Errors invalid = OffsetCommitValidation.validateFetch(group, req.memberId(), req.memberEpoch());
        if (invalid != Errors.NONE) {
            respond.accept(OffsetFetchResponse.error(invalid));
            return;
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : req.partitions()) {
            out.put(tp, group.offsets.committed(tp));
        }
        respond.accept(new OffsetFetchResponse(Errors.NONE, out));
    }

    // ---------------------------------------------------------------- fencing and timers

    /**
     * {@code consumerGroupFenceMembers}: removes the member (its partitions are free at once),
     * bumps the group epoch whatever changed, and resets the assignment timestamp (Kafka: 0) when
     * the group is now empty. The target is not recomputed here: the next member heartbeat after the
     * assignment interval does it.
     */
    void fence(ConsumerGroup group, ConsumerGroupMember m, String removedReason, String rebalanceReason) {
        cancelTimers(m);
        group.remove(m);
        events.on(GroupEvent.member(sim.now(), GroupEventType.MEMBER_REMOVED, group.groupId, m.clientId,
                Epoch.consumer(group.groupEpoch, m.memberEpoch()), removedReason));
        group.metadataHash = kafka.metadataHash(group.subscribedTopics());
        bumpGroupEpoch(group, group.groupEpoch + 1, rebalanceReason);
        if (group.size() == 0) {
            group.setAssignmentEpoch(group.groupEpoch, ConsumerGroup.NO_ASSIGNMENT_TIMESTAMP);
        }
        updateState(group);
    }

    void bumpGroupEpoch(ConsumerGroup group, int epoch, String reason) {
        group.groupEpoch = epoch;
        events.on(GroupEvent.group(sim.now(), GroupEventType.REBALANCE_STARTED, group.groupId, Epoch.consumer(epoch, -1), reason));
    }

    /** Every successful heartbeat that is not a leave: the session runs from now, in full. */
    void armSession(ConsumerGroup group, ConsumerGroupMember m) {
        if (m.session == null) {
            m.session = sim.newTimer(() -> expireSession(group, m));
        }
        sim.reschedule(m.session, Durations.ms(config.sessionTimeoutMs()));
    }

    private void expireSession(ConsumerGroup group, ConsumerGroupMember m) {
        if (group.member(m.memberId) == m) {
            fence(group, m, "session-timeout", "member " + m.clientId + "'s session expired");
        }
    }

    /**
     * Entering UNREVOKED_PARTITIONS arms the revocation deadline ({@code rebalanceTimeoutMs} from
     * now); any other state cancels it. It fences only a member still at the epoch it captured.
     */
    void armOrCancelRebalanceTimer(ConsumerGroup group, ConsumerGroupMember m) {
        sim.cancel(m.rebalance);
        m.rebalance = null;
        if (m.assignment.state() == ConsumerGroupMemberState.UNREVOKED_PARTITIONS) {
            int epoch = m.memberEpoch();
            m.rebalance = sim.schedule(Durations.ms(m.rebalanceTimeoutMs), () -> expireRebalance(group, m, epoch));
        }
    }

    private void expireRebalance(ConsumerGroup group, ConsumerGroupMember m, int epoch) {
        if (group.member(m.memberId) == m && m.memberEpoch() == epoch) {
            fence(group, m, "rebalance-timeout", "member " + m.clientId + " did not revoke within its rebalance timeout");
        }
    }

    void cancelTimers(ConsumerGroupMember m) {
        sim.cancel(m.session);
        sim.cancel(m.rebalance);
        m.rebalance = null;
    }

    /**
     * Moves the group to the state its data says ({@code maybeUpdateGroupState}). Reaching STABLE
     * completes the group epoch's rebalance (once per epoch); reaching EMPTY completes it with
     * no members.
     */
    void updateState(ConsumerGroup group) {
        ConsumerGroupState next = group.derivedState();
        if (next != group.state()) {
            group.transitionTo(next);
        }
        // Also when the state stays STABLE: one heartbeat can bump the epoch, compute its target and
        // reconcile the group's only member to it (a lone member's subscription or metadata change).
        if ((next == ConsumerGroupState.STABLE || next == ConsumerGroupState.EMPTY) && group.lastCompletedEpoch != group.groupEpoch) {
            group.lastCompletedEpoch = group.groupEpoch;
            events.on(GroupEvent.rebalanceCompleted(sim.now(), group.groupId, Epoch.consumer(group.groupEpoch, -1), group.memberNames()));
        }
    }

    void emit(GroupEvent e) {
        events.on(e);
    }

    // ---------------------------------------------------------------- failover

    /** The hosting broker dies: every timer dies with it; the groups survive in {@code __consumer_offsets}. */
    @Override
    public void crash() {
        if (!available) {
            return;
        }
        available = false;
        for (ConsumerGroup g : groups.values()) {
            for (ConsumerGroupMember m : g.members()) {
                cancelTimers(m);
            }
        }
    }

    /**
     * Another broker loaded the groups ({@code GroupMetadataManager.onLoaded}): every member gets
     * a full session timeout from now, every member revoking a full rebalance timeout, and the
     * first heartbeat re-checks the metadata. The assignment timestamp is kept, so batching goes on.
     */
    @Override
    public void load() {
        if (available) {
            return;
        }
        available = true;
        for (ConsumerGroup g : groups.values()) {
            g.metadataVersion = -1;
            for (ConsumerGroupMember m : g.members()) {
                armSession(g, m);
                armOrCancelRebalanceTimer(g, m);
            }
        }
    }

    // ---------------------------------------------------------------- groups and views

    ConsumerGroup existingGroup(String groupId) {
        return groups.get(groupId);
    }

    ConsumerGroup group(String groupId) {
        return groups.computeIfAbsent(groupId, id -> new ConsumerGroup(id, sim));
    }

    @Override
    public OffsetStore offsets(String groupId) {
        return group(groupId).offsets;
    }

    @Override
    public GroupSnapshot snapshot(String groupId) {
        ConsumerGroup g = groups.get(groupId);
        if (g == null) {
            return new GroupSnapshot(ConsumerGroupState.EMPTY.toString(), Epoch.consumer(0, -1), 0, false);
        }
        return new GroupSnapshot(g.state().toString(), Epoch.consumer(g.groupEpoch, -1), g.size(), g.state() == ConsumerGroupState.STABLE);
    }

    /** The coordinator computes the target itself, from the metadata image of that moment. */
    @Override
    public Optional<Cluster> assignmentMetadata(String groupId) {
        ConsumerGroup g = groups.get(groupId);
        return Optional.ofNullable(g == null ? null : g.targetMetadata);
    }

    @Override
    public boolean hasMember(String groupId, String memberId) {
        ConsumerGroup g = groups.get(groupId);
        return g != null && g.member(memberId) != null;
    }

    /** The group's state (EMPTY for a group the coordinator does not know). */
    public ConsumerGroupState state(String groupId) {
        ConsumerGroup g = groups.get(groupId);
        return g == null ? ConsumerGroupState.EMPTY : g.state();
    }

    /** The epoch of the group's current target assignment. */
    public int assignmentEpoch(String groupId) {
        ConsumerGroup g = groups.get(groupId);
        return g == null ? 0 : g.assignmentEpoch;
    }

    /** The member's target for the assignment epoch, sorted (empty for an unknown member). */
    public List<TopicPartition> targetAssignment(String groupId, String memberId) {
        ConsumerGroup g = groups.get(groupId);
        return g == null ? List.of() : g.target(memberId);
    }

    /** The member's current assignment on the coordinator, or null for an unknown member. */
    public CurrentAssignment currentAssignment(String groupId, String memberId) {
        ConsumerGroup g = groups.get(groupId);
        ConsumerGroupMember m = g == null ? null : g.member(memberId);
        return m == null ? null : m.assignment;
    }

    /** The server-side assignors by name, the default first. */
    public List<String> assignors() {
        return kafka.assignorNames();
    }
}
