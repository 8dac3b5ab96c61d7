package io.kgsim.protocol.classic;

import io.kgsim.assignor.AssignorCall;
import io.kgsim.cluster.ClusterModel;
import io.kgsim.cluster.Network;
import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import io.kgsim.engine.Timer;
import io.kgsim.protocol.CoordinatorChannel;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.AbstractGroupMember;
import io.kgsim.protocol.MemberHost;
import io.kgsim.protocol.MemberProcess;
import io.kgsim.protocol.PollTimer;
import io.kgsim.protocol.ProcessState;
import io.kgsim.scenario.ConsumerSettings;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * A consumer's group membership under the classic protocol: what {@code AbstractCoordinator}
 * and {@code ConsumerCoordinator} do on the client, without their threads and locks.
 *
 * <p>The protocol, as the client runs it:
 * <ol>
 * <li>Registration: FindCoordinator, then JoinGroup (a dynamic member first gets
 *     MEMBER_ID_REQUIRED and rejoins at once with the id it was given, KIP-394).
 * <li>Leader selection: the JoinGroup response names the leader and gives it every member's
 *     subscription; it runs its own instance of the real assignor.
 * <li>State assignment: SyncGroup hands each member its assignment.
 * <li>Stabilisation: heartbeats every {@code heartbeat.interval.ms} (counted from the previous
 *     send) until one answers REBALANCE_IN_PROGRESS; the main thread then rejoins at its next
 *     poll. Eager members revoke everything before rejoining; cooperative ones (KIP-429) keep
 *     their partitions, revoke only what the new assignment takes away, then rejoin at once.
 * </ol>
 *
 * <p>Two state machines: the process ({@link ProcessState}: running, closing, dead), kept here
 * with the timeline's inputs, and the membership ({@link MembershipState}), kept by
 * {@link ClassicMembership}. The coordinator is reached through a {@link CoordinatorChannel}.
 * What needs the main thread (JoinGroup, onJoinComplete, auto-commit) runs in {@link #poll()},
 * which the application thread ({@link MemberHost}) calls each time it enters {@code poll()}:
 * at once when it is idle in poll, only after its batch when it is processing. Heartbeats come
 * from their own thread, which also enforces {@code max.poll.interval.ms}.
 */
public final class ClassicMember extends AbstractGroupMember {
    /** How an assignor failure's reason says the leader's metadata lacked partitions of the cluster. */
    public static final String STALE_LEADER_METADATA = "the leader's metadata predates added partitions, partitions known";

    private final ConsumerSettings settings;
    private final MemberConfig config;
    private final GroupLeader leader = new GroupLeader();
    private final ClassicMembership membership;
    private final OffsetRequests offsets;
    private final PollTimer pollTimer;
    private final Timer metadataTimer;
    /** This process's assignor instances; null before the first start. */
    private MemberAssignors assignors;

    public ClassicMember(Simulation sim, Network network, ClassicGroupRequests coordinator, ClusterModel cluster,
                         GroupEventListener events, AssignorCall.Listener assignorCalls, String groupId, String name,
                         boolean staticMembership, String rack, ConsumerSettings settings, List<String> topics) {
        this(sim, network, coordinator, cluster, events, assignorCalls, groupId, name, staticMembership, rack, settings, MemberConfig.of(settings), topics);
    }

    private ClassicMember(Simulation sim, Network network, ClassicGroupRequests coordinator, ClusterModel cluster,
                          GroupEventListener events, AssignorCall.Listener assignorCalls, String groupId, String name,
                          boolean staticMembership, String rack, ConsumerSettings settings, MemberConfig config, List<String> topics) {
        super(sim, network, coordinator::isAvailable, cluster, events, groupId, name, staticMembership, rack, topics,
                config.retryBackoffMs(), config.requestTimeoutMs());
        this.settings = settings;
        this.config = config;
        this.membership = new ClassicMembership(this, sim, channel, coordinator, config, owned, leader, assignorCalls);
        this.offsets = new OffsetRequests(this, membership, sim, channel, coordinator);
        this.pollTimer = new PollTimer(sim, Durations.ms(config.maxPollIntervalMs()), channel,
                () -> process.isRunning() && membership.state() != MembershipState.UNJOINED, this::pollTimeoutExpired);
        this.metadataTimer = sim.newTimer(this::refreshMetadata);
    }

    // ---------------------------------------------------------------- the process (MemberProcess)

    /** The process starts: fresh assignor instances (a new JVM), no member id, no generation. */
    @Override
    public void start() {
        if (!process.start()) {
            return;
        }
        channel.open();
        assignors = MemberAssignors.create(settings, groupId(), name(), rack());
        membership.processStarted();
        owned.clear();
        leader.reset(cluster.cluster());
        sim.reschedule(metadataTimer, Durations.ms(config.metadataMaxAgeMs()));
        emit(GroupEventType.MEMBER_STARTED, null);
        channel.findCoordinator();
    }

    /**
     * Graceful close ({@code KafkaConsumer.close()}): commit synchronously if auto-commit is on,
     * revoke everything, then LeaveGroup, which only a dynamic member sends (a static member
     * stays in the group until its session times out, KIP-345).
     */
    @Override
    public void stop() {
        if (!process.close()) {
            return;
        }
        membership.stopHeartbeats();
        pollTimer.stop();
        emit(GroupEventType.MEMBER_STOPPED, null);
        SortedMap<TopicPartition, Long> positions = host().consumedPositions(owned.view());
        if (config.enableAutoCommit() && !positions.isEmpty() && membership.generationId() >= 0) {
            // KafkaConsumer.close(): a synchronous commit first, then revocation and LeaveGroup.
            commitOffsets(positions, error -> finishClose());
        } else {
            finishClose();
        }
    }

    /** {@code onLeavePrepare} and {@code maybeLeaveGroup}, then the process ends. */
    private void finishClose() {
        if (membership.generationId() < 0) {
            owned.lose(owned.all(), "close");
        } else {
            owned.revoke(owned.all(), "close");
        }
        if (membership.state() != MembershipState.UNJOINED) {
            membership.leaveGroup("the consumer is being closed", null);
        }
        die(true);
    }

    @Override
    protected void processEnded() {
        membership.processEnded();
        pollTimer.stop();
        sim.cancel(metadataTimer);
    }

    /**
     * FindCoordinator answered: the client resets its session timer
     * ({@code FindCoordinatorResponseHandler}: {@code heartbeat.resetSessionTimeout()}), so a
     * member that lost its coordinator does not time its session out again at once.
     */
    @Override
    protected void coordinatorFound() {
        membership.coordinatorFound();
        super.coordinatorFound();
    }

    // ---------------------------------------------------------------- timeline inputs

    /**
     * {@code subscribe()} with new topics: the next poll rejoins (the joined subscription no
     * longer matches); a cooperative member then revokes what it owns of dropped topics.
     */
    @Override
    public void subscribe(List<String> newTopics) {
        if (subscriptionChanged(newTopics)) {
            membership.requestRejoin();
        }
    }

    /** A GC pause: every thread of the process stands still until {@code untilUs}. */
    @Override
    public void freeze(long untilUs) {
        channel.freeze(untilUs);
        membership.freezeHeartbeats(untilUs);
    }

    /**
     * {@code metadata.max.age.ms} elapsed: the member refreshes its metadata. Only the group
     * leader compares it with what it assigned from, and asks for a rebalance when partitions
     * were added ({@code ConsumerCoordinator.rejoinNeededOrPending}).
     */
    void refreshMetadata() {
        if (!process.isAlive()) {
            return;
        }
        leader.refresh(cluster.cluster());
        sim.reschedule(metadataTimer, Durations.ms(config.metadataMaxAgeMs()));
        if (membership.state().kafkaState() == MemberState.STABLE && leader.partitionsChangedSinceAssignment()) {
            emit(GroupEventType.METADATA_CHANGED, "partitions changed since the last assignment");
            membership.requestRejoin();
        }
    }

    // ---------------------------------------------------------------- the main thread

    /**
     * {@code ConsumerCoordinator.poll}, run by the application thread each time it enters
     * {@code poll()}: resets the poll timer, (re)joins if needed without blocking, and, when no
     * rebalance is under way, sends the auto-commit that is due.
     */
    @Override
    public void poll() {
        pollTimer.enteredPoll();
        if (process.isRunning() && membership.pollException() != null) {
            // joinGroupIfNeeded rethrows the join's non-retriable exception out of poll(); kgsim's
            // application treats an exception out of poll() as fatal, like FencedInstanceIdException:
            // it stops without a LeaveGroup, so the coordinator removes it at its session timeout
            // (or when the pending SyncGroup times out), and the group rebalances without it.
            fail(membership.pollException());
            return;
        }
        if (!process.isRunning() || !channel.coordinatorKnown()) {
            return;
        }
        membership.poll();
    }

    /**
     * The application returned from {@code poll()} with records: from now on the heartbeat
     * thread counts {@code max.poll.interval.ms} until the next poll.
     */
    @Override
    public void pollReturned() {
        if (process.isRunning()) {
            pollTimer.pollReturned();
        }
    }

    /**
     * {@code handlePollTimeoutExpiry}: the application spent longer than
     * {@code max.poll.interval.ms} between two polls. A dynamic member sends LeaveGroup (a static
     * one does not, and will be removed at its session timeout); either way it drops its
     * generation and stops fetching, and rejoins at its next poll.
     */
    private void pollTimeoutExpired() {
        emit(GroupEventType.POLL_TIMEOUT, null);
        membership.leaveGroup(ClassicGroupCoordinator.POLL_TIMEOUT_REASON, "poll-timeout");
        // The client calls onPartitionsLost at its next poll; fetching stops now.
        owned.lose(owned.all(), "poll-timeout");
        membership.resetState(true, "poll timeout");
    }

    // ---------------------------------------------------------------- offsets

    /**
     * Commits {@code offsets} (the next offset to consume per partition) for the current
     * generation. A member without a generation is fenced at once, as the client throws
     * {@code CommitFailedException} without asking; a refusal is traced as commit-failed.
     */
    @Override
    public void commitOffsets(SortedMap<TopicPartition, Long> offsets, Consumer<Errors> then) {
        this.offsets.commit(offsets, then);
    }

    /** OffsetFetch: the group's committed offsets for {@code partitions} (-1 where none). */
    @Override
    public void fetchCommitted(List<TopicPartition> partitions, Consumer<Map<TopicPartition, Long>> then) {
        offsets.fetch(partitions, then);
    }

    @Override
    public long nextAutoCommitUs() {
        return membership.nextAutoCommitUs();
    }

    // ---------------------------------------------------------------- what the membership reads

    MemberAssignors assignors() {
        return assignors;
    }

    // ---------------------------------------------------------------- observers' view

    /** The membership's state. */
    public MembershipState membershipState() {
        return membership.state();
    }

    /** The membership's state in Kafka's four client states. */
    public MemberState state() {
        return membership.state().kafkaState();
    }

    @Override
    public String memberId() {
        return membership.memberId();
    }

    public int generationId() {
        return membership.generationId();
    }

    @Override
    public Epoch epoch() {
        return Epoch.generation(membership.generationId());
    }

    @Override
    public boolean inGroup() {
        return membership.generationId() >= 0;
    }

    @Override
    public String protocolState() {
        return membership.state().toString();
    }

    /** Stable with its generation's assignment and nothing pending: the member has settled. */
    @Override
    public boolean isSettled() {
        return process.isRunning() && membership.isSettled();
    }

    @Override
    public RebalanceProtocol rebalanceProtocol() {
        return assignors == null ? null : assignors.rebalanceProtocol();
    }

    /** The membership state machine, for tests that drive it by hand. */
    ClassicMembership membership() {
        return membership;
    }
}
