package io.kgsim.protocol.classic;

import io.kgsim.assignor.AssignorCall;
import io.kgsim.assignor.ClassicLeaderAssignment;
import io.kgsim.cluster.Partitions;
import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import io.kgsim.protocol.CoordinatorChannel;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.OwnedPartitions;
import io.kgsim.protocol.ProcessState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * A classic member's group membership ({@link MembershipState}): the JoinGroup / SyncGroup /
 * Heartbeat steps of {@code AbstractCoordinator} with {@code ConsumerCoordinator}'s
 * {@code onJoinPrepare} and {@code onJoinComplete}. {@link ClassicMember} owns the process and
 * hands inputs in; every membership change goes through {@link #transitionTo}.
 */
final class ClassicMembership {
    private final ClassicMember member;
    private final Simulation sim;
    private final CoordinatorChannel channel;
    private final ClassicGroupRequests coordinator;
    private final MemberConfig config;
    private final OwnedPartitions owned;
    private final GroupLeader leader;
    private final AssignorCall.Listener assignorCalls;
    private final HeartbeatThread heartbeat;

    private MembershipState state = MembershipState.UNJOINED;
    private String memberId = "";
    private int generationId = -1;
    private String protocolName;
    /** {@code AbstractCoordinator.rejoinNeeded}: a request any state may receive. */
    private boolean rejoinNeeded;
    /** The subscription the last JoinGroup carried ({@code joinedSubscription}). */
    private List<String> joinedTopics = List.of();
    /** Bumped by each JoinGroup sent: answers to an earlier JoinGroup, and its SyncGroup, are stale. */
    private int joinRound;
    /** Bumped by each {@code onJoinPrepare} commit, so a late answer to an earlier one can tell it is stale. */
    private int prepareRound;
    private long nextAutoCommitUs;
    /**
     * An exception the join failed with that the next {@code poll()} throws to the application
     * (the leader's assignor threw in {@code onLeaderElected}); null when there is none.
     */
    private String pollException;

    ClassicMembership(ClassicMember member, Simulation sim, CoordinatorChannel channel, ClassicGroupRequests coordinator,
                      MemberConfig config, OwnedPartitions owned, GroupLeader leader, AssignorCall.Listener assignorCalls) {
        this.member = member;
        this.sim = sim;
        this.channel = channel;
        this.coordinator = coordinator;
        this.config = config;
        this.owned = owned;
        this.leader = leader;
        this.assignorCalls = assignorCalls;
        this.heartbeat = new HeartbeatThread(member, this, sim, channel, coordinator, config);
    }

    /**
     * The one place the membership changes state. A move its table does not allow is a bug in
     * the member: it fails the run with the seed and virtual time that replay it.
     */
    void transitionTo(MembershipState next, String reason) {
        if (!next.canFollow(state)) {
            throw ProcessState.illegalTransition(sim, member.groupId() + "/" + member.name(), state, next, reason);
        }
        state = next;
    }

    // ---------------------------------------------------------------- the process's inputs

    /** A new process: no member id, no generation, a join to make. */
    void processStarted() {
        memberId = "";
        generationId = -1;
        protocolName = null;
        rejoinNeeded = true;
        pollException = null;
    }

    /** The process ended: the membership goes with it. */
    void processEnded() {
        heartbeat.stop();
        pollException = null;
        transitionTo(MembershipState.UNJOINED, "process ended");
        generationId = -1;
        memberId = "";
    }

    void stopHeartbeats() {
        heartbeat.stop();
    }

    /** FindCoordinator answered: the heartbeat thread's session timer starts again. */
    void coordinatorFound() {
        heartbeat.resetSession();
    }

    void freezeHeartbeats(long untilUs) {
        heartbeat.freeze(untilUs);
    }

    /**
     * {@code maybeLeaveGroup}: LeaveGroup, which only a dynamic member with an id sends (a static
     * member stays until its session times out, KIP-345); nothing answers it that matters.
     */
    void leaveGroup(String reason, String eventReason) {
        if (member.groupInstanceId() != null || memberId.isEmpty()) {
            return;
        }
        LeaveGroupRequest req = new LeaveGroupRequest(member.groupId(), memberId, null, reason);
        member.emit(GroupEventType.LEAVE_GROUP_SENT, eventReason);
        channel.sendOneWay(() -> coordinator.handleLeaveGroup(req, error -> { }));
    }

    void requestRejoin() {
        rejoinNeeded = true;
        member.requestPoll();
    }

    /** {@code resetStateOnResponseError} / {@code resetStateAndGeneration}: back to UNJOINED without a generation. */
    void resetState(boolean resetMemberId, String reason) {
        transitionTo(MembershipState.UNJOINED, reason);
        generationId = -1;
        if (resetMemberId) {
            memberId = "";
        }
        rejoinNeeded = true;
        heartbeat.stop();
    }

    // ---------------------------------------------------------------- poll: the main thread

    /** The main thread's part of {@code ConsumerCoordinator.poll}, the coordinator being known. */
    void poll() {
        if (state.awaitsAnswer()) {
            return;
        }
        if (rejoinNeeded) {
            joinGroupIfNeeded();
            return;
        }
        if (config.enableAutoCommit() && sim.now() >= nextAutoCommitUs && state.kafkaState() == MemberState.STABLE) {
            nextAutoCommitUs = sim.now() + Durations.ms(config.autoCommitIntervalMs());
            SortedMap<TopicPartition, Long> positions = member.host().consumedPositions(owned.view());
            if (!positions.isEmpty()) {
                member.commitOffsets(positions, error -> { });
            }
        }
    }

    private void joinGroupIfNeeded() {
        if (state.needsJoinPrepare() && !onJoinPrepare()) {
            return;
        }
        sendJoinGroup("poll");
    }

    /**
     * {@code ConsumerCoordinator.onJoinPrepare}: an eager member stops fetching everything
     * (pending revocation) before the auto-commit; a member without a generation loses its
     * partitions; with auto-commit on, the JoinGroup waits for the commit's answer. True when
     * the JoinGroup may leave now.
     */
    private boolean onJoinPrepare() {
        if (state == MembershipState.JOIN_PREPARED) {
            return true;
        }
        if (state == MembershipState.JOIN_PREPARE_COMMIT) {
            return false;
        }
        if (generationId < 0 || memberId.isEmpty()) {
            owned.lose(owned.all(), "generation-reset");
            return true;
        }
        boolean eager = member.assignors().rebalanceProtocol() == RebalanceProtocol.EAGER;
        if (eager) {
            // Stop fetching everything now; the callback (and the end of ownership) follows the commit.
            owned.markAllPendingRevocation();
        } else {
            // Cooperative: only partitions of topics no longer subscribed are given up now.
            List<TopicPartition> dropped = new ArrayList<>();
            for (TopicPartition tp : owned.view()) {
                if (!member.topics().contains(tp.topic())) {
                    dropped.add(tp);
                }
            }
            owned.revoke(dropped, "unsubscribed");
        }
        SortedMap<TopicPartition, Long> positions = config.enableAutoCommit() ? member.host().consumedPositions(owned.view()) : null;
        if (positions != null && !positions.isEmpty()) {
            transitionTo(MembershipState.JOIN_PREPARE_COMMIT, "onJoinPrepare commits");
            int round = ++prepareRound;
            member.commitOffsets(positions, error -> onJoinPrepareCommitted(round, eager));
            return false;
        }
        if (eager) {
            owned.revoke(owned.all(), "eager-rebalance");
        }
        return true;
    }

    private void onJoinPrepareCommitted(int round, boolean eager) {
        if (member.processState().isClosing() || round != prepareRound || state != MembershipState.JOIN_PREPARE_COMMIT) {
            // The member was reset (fenced, rejoined) while this commit was out: it is stale.
            // Or the application closed the consumer meanwhile: close() commits, then
            // revokes everything itself (onLeavePrepare); revoking here, before close's
            // own commit arrives, would have it commit partitions already given up.
            return;
        }
        transitionTo(MembershipState.JOIN_PREPARED, "onJoinPrepare's commit answered");
        if (eager) {
            owned.revoke(owned.all(), "eager-rebalance");
        }
        member.requestPoll();
    }

    // ---------------------------------------------------------------- JoinGroup

    private void sendJoinGroup(String reason) {
        joinedTopics = member.topics();
        transitionTo(MembershipState.JOINING, reason);
        heartbeat.stop();
        int round = ++joinRound;
        JoinGroupRequest req = new JoinGroupRequest(member.groupId(), memberId, member.groupInstanceId(), member.name(),
                config.sessionTimeoutMs(), config.maxPollIntervalMs(),
                member.assignors().protocols(member.topics(), owned.list(), generationId, member.rack()), null);
        member.emit(GroupEventType.JOIN_GROUP_SENT, null);
        // The client waits for a JoinGroup answer up to the rebalance timeout plus 5 s.
        channel.send(coordinator::handleJoinGroup, req, resp -> onJoinGroupResponse(round, resp),
                JoinGroupResponse.error(Errors.REQUEST_TIMED_OUT, memberId),
                Durations.ms(Math.max(config.requestTimeoutMs(), config.maxPollIntervalMs() + 5_000L)));
    }

    /** {@code JoinGroupResponseHandler}. */
    private void onJoinGroupResponse(int round, JoinGroupResponse resp) {
        if (round != joinRound) {
            // A JoinGroup was sent since (after a reset): Kafka has one join future at a time.
            return;
        }
        switch (resp.error()) {
            case NONE -> onJoinGroupSucceeded(resp);
            case MEMBER_ID_REQUIRED -> {
                memberId = resp.memberId();
                member.gotMemberId(memberId);
                sendJoinGroup("MEMBER_ID_REQUIRED");
            }
            case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION -> {
                resetState(resp.error() == Errors.UNKNOWN_MEMBER_ID, "JoinGroup " + resp.error());
                member.requestPoll();
            }
            case REBALANCE_IN_PROGRESS -> sendJoinGroup("JoinGroup REBALANCE_IN_PROGRESS");
            case COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS, REQUEST_TIMED_OUT -> {
                // Retried once the coordinator is found again, without a second onJoinPrepare.
                rejoinNeeded = true;
                if (state == MembershipState.JOINING) {
                    transitionTo(MembershipState.JOIN_RETRY, "JoinGroup " + resp.error());
                }
                channel.markCoordinatorUnknown(resp.error());
            }
            default -> member.fail(resp.error().name());
        }
    }

    private void onJoinGroupSucceeded(JoinGroupResponse resp) {
        if (state != MembershipState.JOINING) {
            // Reset (poll timeout) while the JoinGroup was out: JoinGroupResponseHandler raises
            // UnjoinedGroupException unless the member is still PREPARING_REBALANCE.
            return;
        }
        memberId = resp.memberId();
        member.gotMemberId(memberId);
        generationId = resp.generationId();
        protocolName = resp.protocolName();
        transitionTo(MembershipState.SYNCING, "JoinGroup NONE");
        leader.elected(resp.isLeader());
        heartbeat.restart();
        member.emit(GroupEventType.JOINED, resp.isLeader() ? "leader" : "follower");
        Map<String, byte[]> assignments = Map.of();
        if (resp.isLeader() && !resp.skipAssignment()) {
            try {
                assignments = performAssignment(resp);
            } catch (ClassicLeaderAssignment.AssignorFailed e) {
                assignorFailed(e);
                return;
            }
        }
        sendSyncGroup(assignments);
    }

    private Map<String, byte[]> performAssignment(JoinGroupResponse resp) {
        ConsumerPartitionAssignor assignor = member.assignors().named(resp.protocolName(), member.name());
        ClassicLeaderAssignment.Result r = leader.performAssignment(resp, assignor, member.assignors().rebalanceProtocol());
        member.emit(GroupEventType.ASSIGNMENT_COMPUTED, assignor.name());
        if (assignorCalls != null) {
            assignorCalls.onAssignorCall(new AssignorCall(sim.now(), member.groupId(), generationId, assignor.getClass().getName(),
                    leader.metadata(), leader.lastMembers(), r.groupAssignment()));
        }
        return r.assignments();
    }

    /**
     * The leader's assignor threw. As in {@code AbstractCoordinator.onLeaderElected(JoinGroupResponse)}
     * the exception fails the join future and no SyncGroup is sent; {@code joinGroupIfNeeded}
     * requests a rejoin and, the exception not being a {@code RetriableException}, throws it out
     * of {@code poll()}. The member stays in CompletingRebalance meanwhile (its heartbeats go on).
     *
     * <p>The case random scenarios reach is real Kafka's: the leader assigns from its own metadata,
     * which may be up to {@code metadata.max.age.ms} old ({@code ConsumerCoordinator.onLeaderElected}
     * calls {@code updateGroupSubscription}, whose {@code ensureFreshMetadata} refreshes only when an
     * update is requested or due, and {@code groupSubscribe} requests one only for topics new to
     * this member's subscription). If a previous leader with fresher metadata handed out partitions
     * added since, other members report them as owned; {@code AbstractStickyAssignor}
     * ({@code allSubscriptionsEqual}) keeps owned partitions whose topic is in
     * {@code partitionsPerTopic} without checking the partition number, so it counts partitions
     * beyond the leader's partition count as assigned and {@code ConstrainedAssignmentBuilder.assignRoundRobin}
     * throws "No more unfilled consumers to be assigned." The reason names the stale topics.
     */
    private void assignorFailed(ClassicLeaderAssignment.AssignorFailed e) {
        transitionTo(MembershipState.SYNC_FAILED, "the assignor threw");
        pollException = leader.failureReason(e, member.cluster().cluster());
        requestRejoin();
    }

    // ---------------------------------------------------------------- SyncGroup

    private void sendSyncGroup(Map<String, byte[]> assignments) {
        int round = joinRound;
        SyncGroupRequest req = new SyncGroupRequest(member.groupId(), memberId, member.groupInstanceId(), generationId, assignments);
        channel.send(coordinator::handleSyncGroup, req, resp -> onSyncGroupResponse(round, resp), SyncGroupResponse.error(Errors.REQUEST_TIMED_OUT));
    }

    /** {@code SyncGroupResponseHandler}. */
    private void onSyncGroupResponse(int round, SyncGroupResponse resp) {
        if (round != joinRound) {
            // A JoinGroup was sent since: this SyncGroup belongs to a join the member gave up.
            return;
        }
        switch (resp.error()) {
            case NONE -> {
                if (state != MembershipState.SYNCING) {
                    // Reset while the SyncGroup was out: "generation data was cleared", rejoin.
                    requestRejoin();
                    return;
                }
                transitionTo(MembershipState.STABLE, "SyncGroup NONE");
                rejoinNeeded = false;
                onJoinComplete(resp.assignment());
            }
            case REBALANCE_IN_PROGRESS -> {
                // Rejoin at once, keeping what it owns and without a second onJoinPrepare.
                rejoinNeeded = true;
                sendJoinGroup("SyncGroup REBALANCE_IN_PROGRESS");
            }
            case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION -> {
                resetState(resp.error() == Errors.UNKNOWN_MEMBER_ID, "SyncGroup " + resp.error());
                member.requestPoll();
            }
            case COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS, REQUEST_TIMED_OUT -> {
                rejoinNeeded = true;
                if (state == MembershipState.SYNCING) {
                    transitionTo(MembershipState.SYNC_FAILED, "SyncGroup " + resp.error());
                }
                channel.markCoordinatorUnknown(resp.error());
            }
            default -> member.fail(resp.error().name());
        }
    }

    /**
     * {@code ConsumerCoordinator.onJoinComplete}: a cooperative member first revokes what it
     * owned but was not given and asks to rejoin (the follow-up rebalance of KIP-429); then the
     * assignor learns the assignment and generation; then the new partitions are assigned.
     */
    private void onJoinComplete(byte[] assignmentBytes) {
        Assignment assignment = ConsumerProtocol.deserializeAssignment(ByteBuffer.wrap(assignmentBytes));
        TreeSet<TopicPartition> assigned = Partitions.sortedSet();
        for (TopicPartition tp : assignment.partitions()) {
            // One instance per partition across the run: hash lookups then compare by identity.
            assigned.add(member.cluster().canonical(tp));
        }
        nextAutoCommitUs = sim.now() + Durations.ms(config.autoCommitIntervalMs());
        if (member.assignors().rebalanceProtocol() == RebalanceProtocol.COOPERATIVE) {
            List<TopicPartition> revoked = Partitions.minus(owned.view(), assigned);
            if (!revoked.isEmpty()) {
                owned.revoke(revoked, "cooperative-revocation");
                rejoinNeeded = true;
            }
        }
        // Deprecated for removal since 4.2 (KIP-1136: applications get it from the consumer), but
        // the consumer itself still builds one for onAssignment, and we stand in for the consumer.
        @SuppressWarnings("removal")
        ConsumerGroupMetadata metadata = new ConsumerGroupMetadata(member.groupId(), generationId, memberId,
                Optional.ofNullable(member.groupInstanceId()));
        member.assignors().named(protocolName, member.name()).onAssignment(assignment, metadata);
        member.emit(GroupEvent.assignmentReceived(sim.now(), GroupEventType.SYNCED, member.groupId(), member.name(),
                Epoch.generation(generationId), List.copyOf(assigned)));
        takeAssigned(assigned);
    }

    /** The partitions of the new assignment not owned yet become owned; a subscription changed meanwhile asks to rejoin. */
    private void takeAssigned(TreeSet<TopicPartition> assigned) {
        List<TopicPartition> added = Partitions.minus(assigned, owned.view());
        if (!leader.knowsAll(added)) {
            // A leader with fresher metadata handed out partitions this member's metadata does not
            // have yet (added since its last refresh). The real consumer cannot position or fetch a
            // partition whose leader it does not know: OffsetFetcher (ListOffsets for the reset) and
            // AbstractFetch.prepareFetchRequests call metadata.requestUpdate, so its metadata is
            // refreshed within a round trip of the assignment, long before metadata.max.age.ms.
            // Without this a member could later lead with a view that lacks partitions it owns and
            // hand the sticky assignors ownedPartitions / KIP-341 user data beyond the topic's
            // partition count, which AbstractStickyAssignor counts as assigned ("No more unfilled
            // consumers to be assigned"). The round trip itself is not modelled.
            member.refreshMetadata();
        }
        owned.assign(added);
        if (!member.topics().equals(joinedTopics)) {
            // The subscription changed while the join was under way: join again with the new one.
            rejoinNeeded = true;
        }
        if (rejoinNeeded) {
            member.requestPoll();
        }
    }

    // ---------------------------------------------------------------- offsets

    /** When the next auto-commit is due (meaningful while auto-commit is on and the member is stable). */
    long nextAutoCommitUs() {
        return config.enableAutoCommit() && state.kafkaState() == MemberState.STABLE ? nextAutoCommitUs : Long.MAX_VALUE;
    }

    // ---------------------------------------------------------------- observers' view

    MembershipState state() {
        return state;
    }

    String memberId() {
        return memberId;
    }

    int generationId() {
        return generationId;
    }

    String pollException() {
        return pollException;
    }

    boolean rejoinNeeded() {
        return rejoinNeeded;
    }

    /** Stable with its generation's assignment and no rejoin asked for. */
    boolean isSettled() {
        return state == MembershipState.STABLE && !rejoinNeeded;
    }
}
