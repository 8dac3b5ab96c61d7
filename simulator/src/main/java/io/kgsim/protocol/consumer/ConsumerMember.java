package io.kgsim.protocol.consumer;

import io.kgsim.cluster.ClusterModel;
import io.kgsim.cluster.Network;
import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import io.kgsim.protocol.CoordinatorChannel;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.AbstractGroupMember;
import io.kgsim.protocol.MemberProcess;
import io.kgsim.protocol.ProcessState;
import io.kgsim.scenario.ConsumerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * A consumer's membership under the consumer group protocol (KIP-848, {@code group.protocol=consumer}):
 * what Kafka 4.4's {@code AsyncKafkaConsumer} does through its {@code ConsumerMembershipManager}
 * and {@code ConsumerHeartbeatRequestManager}, without their threads.
 *
 * <p>The protocol, as the client runs it: the member makes its own member id (KIP-1082) and
 * joins with a heartbeat at epoch 0; the coordinator answers each heartbeat with the member's
 * epoch and, when it changed, its assignment. The member reconciles toward that target at the
 * application's next {@code poll()}: revoke first (after an auto-commit), then assign, then
 * acknowledge at once with its new owned set; each callback waits for a turn of the
 * application's poll loop ({@link #requestPollTurn()}). There is no group-wide barrier: members a change
 * does not touch keep fetching.
 *
 * <p>Two state machines: the process ({@link ProcessState}), kept here with the timeline's
 * inputs, and the membership ({@link ConsumerMemberState}), kept by {@link ConsumerMembership},
 * one per process as the client makes one per {@code KafkaConsumer}. Heartbeats are
 * {@link ConsumerHeartbeats}; the coordinator is reached through a {@link CoordinatorChannel}.
 */
public final class ConsumerMember extends AbstractGroupMember {
    /**
     * What an idle poll loop's turn adds to its {@code retry.backoff.ms} wait: Kafka 4.4's
     * {@code AsyncKafkaConsumer.poll} starts the wait only after the turn's work (submitting the
     * {@code AsyncPollEvent}, waiting in {@code collectFetch} for the background thread to check
     * the reconciliation, {@code processBackgroundEvents}), and the wait itself ends a little after
     * its deadline. Measured on Kafka 4.4 clients (the replay's fidelity runs, a loaded 2-core
     * host): consecutive idle turns 100.0-104.5 ms apart with a 100 ms {@code retry.backoff.ms},
     * median 101.5 ms; kgsim takes a whole millisecond, which keeps virtual times in ms. Without
     * it, 20 turns would make exactly one 2 s heartbeat interval and every heartbeat answer would
     * come just after a turn, so each reconciliation would wait a whole turn to start and members
     * would keep their heartbeat phases locked to one another; with it, as in Kafka, an idle
     * loop's turns slide against the heartbeat timer, which runs on the background thread.
     */
    static final long POLL_TURN_WORK_US = 1_000;

    private final ConsumerGroupRequests coordinator;
    private final ConsumerMemberConfig config;
    private final ConsumerOffsetRequests offsets;
    /** How many processes this member has started: each is a new consumer with a new member id. */
    private int incarnation;
    /** The ids the scenario fixes, one per process in order; past its end ids are derived from the seed. */
    private List<String> fixedMemberIds = List.of();
    /** The current process's membership; null before the first start. */
    private ConsumerMembership membership;

    /**
     * What the coordinator's target for a member id is now (sorted), for observers asking whether
     * the member has settled: the client itself cannot know that partitions still held by others
     * wait for it (they come in a later heartbeat answer).
     */
    @FunctionalInterface
    public interface Targets {
        List<TopicPartition> targetOf(String memberId);
    }

    /** Observers' view of the coordinator's targets; {@link #targets(Targets)} sets it (none: not checked). */
    private Targets targets;

    public ConsumerMember(Simulation sim, Network network, ConsumerGroupRequests coordinator, ClusterModel cluster, GroupEventListener events,
                          String groupId, String name, boolean staticMembership, String rack, ConsumerSettings settings, List<String> topics) {
        this(sim, network, coordinator, cluster, events, groupId, name, staticMembership, rack, ConsumerMemberConfig.of(settings), topics);
    }

    private ConsumerMember(Simulation sim, Network network, ConsumerGroupRequests coordinator, ClusterModel cluster, GroupEventListener events,
                           String groupId, String name, boolean staticMembership, String rack, ConsumerMemberConfig config, List<String> topics) {
        super(sim, network, coordinator::isAvailable, cluster, events, groupId, name, staticMembership, rack, topics,
                config.retryBackoffMs(), config.requestTimeoutMs());
        this.coordinator = coordinator;
        this.config = config;
        this.offsets = new ConsumerOffsetRequests(this, sim, channel, coordinator, config.retryBackoffMs());
    }

    @Override
    protected void coordinatorFound() {
        if (membership != null && running()) {
            membership.coordinatorFound();
        }
        requestPoll();
    }

    // ---------------------------------------------------------------- the process (MemberProcess)

    /** A new process: a new consumer instance, with a new member id and a membership in UNSUBSCRIBED. */
    @Override
    public void start() {
        if (!process.start()) {
            return;
        }
        incarnation++;
        channel.open();
        owned.clear();
        membership = new ConsumerMembership(this, sim, channel, coordinator, config, owned,
                ClientMemberIds.of(sim.seed(), groupId(), name(), incarnation, fixedMemberIds));
        gotMemberId(membership.memberId());
        emit(GroupEventType.MEMBER_STARTED, null);
        channel.findCoordinator();
        // subscribe() then poll(): the first poll joins.
        requestPoll();
    }

    /**
     * {@code close()}: a synchronous auto-commit of the consumed positions, onPartitionsRevoked
     * for everything (or onPartitionsLost without a member epoch), then the leave heartbeat (-1,
     * or -2 for a static member) if the member is in the group; the process ends.
     */
    @Override
    public void stop() {
        if (!process.close()) {
            return;
        }
        emit(GroupEventType.MEMBER_STOPPED, null);
        SortedMap<TopicPartition, Long> positions = host().consumedPositions(owned.view());
        if (config.enableAutoCommit() && !positions.isEmpty() && membership.memberEpoch() > 0) {
            commitOffsets(positions, error -> finishClose());
        } else {
            finishClose();
        }
    }

    private void finishClose() {
        if (membership.memberEpoch() > 0) {
            owned.revoke(owned.all(), "close");
        } else {
            owned.lose(owned.all(), "close");
        }
        membership.leaveOnClose();
        die(true);
    }

    @Override
    protected void processEnded() {
        membership.processEnded();
    }

    // ---------------------------------------------------------------- timeline inputs

    /** {@code subscribe()} with new topics: the next heartbeat carries them; the coordinator decides the rest. */
    @Override
    public void subscribe(List<String> newTopics) {
        subscriptionChanged(newTopics);
    }

    /** A GC pause: every thread of the process stands still until {@code untilUs}. */
    @Override
    public void freeze(long untilUs) {
        channel.freeze(untilUs);
        if (running()) {
            membership.frozen();
        }
    }

    // ---------------------------------------------------------------- the application thread

    /** The application entered {@code poll()}: a fatal error is thrown out of it; otherwise the membership's main-thread steps. */
    @Override
    public void poll() {
        if (!process.isRunning()) {
            return;
        }
        if (membership.fatalError() != null) {
            fail(membership.fatalError());
            return;
        }
        membership.poll();
    }

    @Override
    public void pollReturned() {
        if (process.isRunning()) {
            membership.pollReturned();
        }
    }

    @Override
    public long nextAutoCommitUs() {
        return process.isRunning() ? membership.nextAutoCommitUs() : Long.MAX_VALUE;
    }

    // ---------------------------------------------------------------- offsets

    @Override
    public void commitOffsets(SortedMap<TopicPartition, Long> offsets, Consumer<Errors> then) {
        this.offsets.commit(offsets, then);
    }

    @Override
    public void fetchCommitted(List<TopicPartition> partitions, Consumer<Map<TopicPartition, Long>> then) {
        offsets.fetch(partitions, then);
    }

    // ---------------------------------------------------------------- what the membership reads and tells

    /**
     * The reconciliation's next step needs the application thread: a rebalance callback the
     * background thread queued, run at the poll loop's next turn ({@code retry.backoff.ms} paces an
     * idle loop, plus {@link #POLL_TURN_WORK_US}); a busy application runs it when it next polls.
     */
    void requestPollTurn() {
        host().wakeupAtNextPollTurn(Durations.ms(config.retryBackoffMs()) + POLL_TURN_WORK_US);
    }

    /** Whether the application's current poll-loop turn handed the background thread a poll event ({@code AsyncPollEvent}). */
    boolean pollEventSubmitted() {
        return host().pollEventSubmitted();
    }

    /** A heartbeat answer brought the whole assignment for the member epoch (reason "join" for the join's answer). */
    void assignmentReceived(List<TopicPartition> assignment, boolean joinAnswer) {
        emit(new GroupEvent(sim.now(), GroupEventType.ASSIGNMENT_RECEIVED, groupId(), name(), epoch(), joinAnswer ? "join" : null,
                assignment, null, null, null, -1));
    }

    /** onPartitionsAssigned: the added partitions become owned. */
    void assigned(List<TopicPartition> added) {
        owned.assign(added);
    }

    /** The run's one instance of each partition, sorted. */
    List<TopicPartition> canonical(List<TopicPartition> partitions) {
        List<TopicPartition> out = new ArrayList<>(partitions.size());
        for (TopicPartition tp : partitions) {
            out.add(cluster.canonical(tp));
        }
        out.sort(io.kgsim.cluster.Partitions.ORDER);
        return List.copyOf(out);
    }

    int incarnation() {
        return incarnation;
    }

    int memberEpoch() {
        return membership == null || !process.isAlive() ? -1 : membership.memberEpoch();
    }

    // ---------------------------------------------------------------- observers' view

    /** The membership's state; UNSUBSCRIBED before the first start. */
    public ConsumerMemberState state() {
        return membership == null ? ConsumerMemberState.UNSUBSCRIBED : membership.state();
    }

    @Override
    public String memberId() {
        return membership == null ? "" : membership.memberId();
    }

    @Override
    public Epoch epoch() {
        return Epoch.consumer(-1, memberEpoch());
    }

    @Override
    public boolean inGroup() {
        return memberEpoch() > 0;
    }

    @Override
    public String protocolState() {
        return state().toString();
    }

    /** Lets {@link #isSettled()} compare what the member owns with the coordinator's target for it. */
    public ConsumerMember targets(Targets targets) {
        this.targets = targets;
        return this;
    }

    /** The member ids a scenario fixes for this member, one per process start in order (see {@link ClientMemberIds}). */
    public ConsumerMember fixedMemberIds(List<String> ids) {
        this.fixedMemberIds = List.copyOf(ids);
        return this;
    }

    /**
     * STABLE at the epoch last heard with nothing revoking or reconciling, and, for observers that
     * gave the coordinator's view, owning exactly its target: a member the coordinator moved to a
     * new epoch while the partitions it will get were still held by others is STABLE on the
     * client, yet the group has not settled until a later answer hands them over.
     */
    @Override
    public boolean isSettled() {
        if (!process.isRunning() || !membership.isSettled()) {
            return false;
        }
        return targets == null || owned.list().equals(targets.targetOf(membership.memberId()));
    }

    @Override
    public RebalanceProtocol rebalanceProtocol() {
        // KIP-848 moves partitions one by one and never gives one to two members.
        return membership == null ? null : RebalanceProtocol.COOPERATIVE;
    }

    /** The membership, for tests that drive it by hand. */
    ConsumerMembership membership() {
        return membership;
    }
}
