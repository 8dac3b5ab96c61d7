package io.kgsim.protocol.classic;

import io.kgsim.assignor.AssignorCall;
import io.kgsim.assignor.ClassicLeaderAssignment;
import io.kgsim.cluster.ClusterModel;
import io.kgsim.cluster.Network;
import io.kgsim.cluster.Partitions;
import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import io.kgsim.engine.Timer;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.GroupMember;
import io.kgsim.protocol.MemberHost;
import io.kgsim.scenario.ConsumerSettings;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
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
 * <p>What needs the main thread (JoinGroup, onJoinComplete, auto-commit) runs in
 * {@link #poll()}, which the application thread ({@link MemberHost}) calls each time
 * it enters {@code poll()}: at once when it is idle in poll, only after its batch when it is
 * processing. Heartbeats come from their own thread, which also enforces
 * {@code max.poll.interval.ms}.
 */
public final class ClassicMember implements GroupMember {
    private final Simulation sim;
    private final ClassicGroupCoordinator coordinator;
    private final ClusterModel cluster;
    private final GroupEventListener events;
    private final AssignorCall.Listener assignorCalls;
    private final String groupId;
    private final String name;
    private final String groupInstanceId;
    private final String rack;
    private final ConsumerSettings settings;
    private final MemberConfig config;
    /** max.poll.interval.ms in microseconds: read on every poll, kept beside the member's hot fields. */
    private final long maxPollIntervalUs;
    /** The subscription: changed by the timeline's {@code subscribe}. */
    private List<String> topics;
    /** The member's metadata, refreshed every {@code metadata.max.age.ms}; the leader assigns from it. */
    private org.apache.kafka.common.Cluster metadataView;
    /** Partition counts of the subscribed topics in the metadata the last assignment used (leader only). */
    private Map<String, Integer> assignmentSnapshot;
    private boolean isLeader;
    /** The subscription the last JoinGroup carried ({@code joinedSubscription}). */
    private List<String> joinedTopics = List.of();
    /** Topics subscribed by any member at the last assignment this member made as leader. */
    private java.util.Set<String> groupTopics = new TreeSet<>();
    private final Timer metadataTimer;
    private final Network.Link link;
    private final Timer heartbeatTimer;
    private final Timer pollTimeoutTimer;
    /** When max.poll.interval.ms runs out: set as poll() returns, none while inside poll(). */
    private long pollDeadlineUs = Long.MAX_VALUE;
    private MemberHost host = MemberHost.NONE;

    // One process lifetime; a restart starts a new incarnation and drops late responses.
    private int incarnation;
    private boolean alive;
    private boolean closing;
    private boolean restartAfterClose;
    private boolean coordinatorKnown;
    /** The member cannot reach the coordinator before this instant (cut-network). */
    private long cutUntilUs;
    private List<ConsumerPartitionAssignor> assignors = List.of();
    private RebalanceProtocol rebalanceProtocol;

    private MemberState state = MemberState.UNJOINED;
    private String memberId = "";
    private int generationId = -1;
    private String protocolName;
    private boolean rejoinNeeded;
    private boolean needsJoinPrepare;
    private JoinPrepare joinPrepare = JoinPrepare.NOT_STARTED;
    /** Bumped whenever onJoinPrepare starts over, so a late commit answer can tell it is stale. */
    private int joinPrepareRound;
    private boolean joinInFlight;
    private boolean syncInFlight;
    private final TreeSet<TopicPartition> owned = Partitions.sortedSet();
    /** {@link #owned()}'s cached copy, dropped whenever {@code owned} changes. */
    private List<TopicPartition> ownedList;
    /** Eager: partitions no longer fetched while the pre-revocation commit is under way. */
    private final TreeSet<TopicPartition> pendingRevocation = Partitions.sortedSet();
    private long nextAutoCommitUs;
    /** A GC pause freezes every thread: nothing is sent or handled before this instant. */
    private long frozenUntilUs;
    /**
     * An exception the join failed with that the next {@code poll()} throws to the application
     * (the leader's assignor threw in {@code onLeaderElected}); null when there is none.
     */
    private String pollException;

    private enum JoinPrepare { NOT_STARTED, COMMITTING, DONE }

    public ClassicMember(Simulation sim, Network network, ClassicGroupCoordinator coordinator, ClusterModel cluster,
                         GroupEventListener events, AssignorCall.Listener assignorCalls, String groupId, String name,
                         boolean staticMembership, String rack, ConsumerSettings settings, List<String> topics) {
        this.sim = sim;
        this.coordinator = coordinator;
        this.cluster = cluster;
        this.events = events;
        this.assignorCalls = assignorCalls;
        this.groupId = groupId;
        this.name = name;
        this.groupInstanceId = staticMembership ? name : null;
        this.rack = rack;
        this.settings = settings;
        this.config = MemberConfig.of(settings);
        this.maxPollIntervalUs = Durations.ms(config.maxPollIntervalMs());
        this.topics = List.copyOf(new TreeSet<>(topics));
        this.link = network.link(groupId + "/" + name);
        this.heartbeatTimer = sim.newTimer(this::heartbeatDue);
        this.pollTimeoutTimer = sim.newTimer(this::pollTimeoutExpired);
        this.metadataTimer = sim.newTimer(this::refreshMetadata);
    }

    /**
     * {@code metadata.max.age.ms} elapsed: the member refreshes its metadata. Only the group
     * leader compares it with what it assigned from, and asks for a rebalance when partitions
     * were added ({@code ConsumerCoordinator.rejoinNeededOrPending}).
     */
    private void refreshMetadata() {
        if (!alive) {
            return;
        }
        metadataView = cluster.cluster();
        sim.reschedule(metadataTimer, Durations.ms(metadataMaxAgeMs()));
        if (isLeader && assignmentSnapshot != null && state == MemberState.STABLE && !assignmentSnapshot.equals(partitionCounts(metadataView))) {
            emit(GroupEventType.METADATA_CHANGED, "partitions changed since the last assignment");
            requestRejoin();
        }
    }

    /** Does this member's metadata know every one of {@code partitions} (and so its leader)? */
    private boolean metadataKnowsAll(List<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            Integer n = metadataView.partitionCountForTopic(tp.topic());
            if (n == null || tp.partition() >= n) {
                return false;
            }
        }
        return true;
    }

    private long metadataMaxAgeMs() {
        return config.metadataMaxAgeMs();
    }

    private Map<String, Integer> partitionCounts(org.apache.kafka.common.Cluster view) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (String t : groupTopics) {
            Integer n = view.partitionCountForTopic(t);
            counts.put(t, n == null ? 0 : n);
        }
        return counts;
    }

    /**
     * {@code subscribe()} with new topics: the next poll rejoins (the joined subscription no
     * longer matches); a cooperative member then revokes what it owns of dropped topics.
     */
    @Override
    public void subscribe(List<String> newTopics) {
        List<String> sorted = List.copyOf(new TreeSet<>(newTopics));
        if (!alive || sorted.equals(topics)) {
            topics = sorted;
            return;
        }
        topics = sorted;
        emit(GroupEventType.SUBSCRIPTION_CHANGED, String.join(",", topics));
        requestRejoin();
    }

    @Override
    public List<String> subscription() {
        return topics;
    }

    /** Connects the application thread and fetcher this member reports to. */
    @Override
    public void attach(MemberHost host) {
        this.host = host;
    }

    // ---------------------------------------------------------------- process lifecycle

    /** The process starts: fresh assignor instances (a new JVM), no member id, no generation. */
    @Override
    public void start() {
        if (alive) {
            // A start while a close is still committing takes effect once the close is done.
            restartAfterClose |= closing;
            return;
        }
        incarnation++;
        alive = true;
        closing = false;
        coordinatorKnown = false;
        assignors = newAssignors();
        rebalanceProtocol = commonRebalanceProtocol(assignors);
        state = MemberState.UNJOINED;
        memberId = "";
        generationId = -1;
        protocolName = null;
        rejoinNeeded = true;
        needsJoinPrepare = true;
        joinPrepare = JoinPrepare.NOT_STARTED;
        joinInFlight = false;
        syncInFlight = false;
        owned.clear();
        ownedList = null;
        pendingRevocation.clear();
        isLeader = false;
        assignmentSnapshot = null;
        metadataView = cluster.cluster();
        sim.reschedule(metadataTimer, Durations.ms(metadataMaxAgeMs()));
        frozenUntilUs = 0;
        cutUntilUs = 0;
        pollException = null;
        emit(GroupEventType.MEMBER_STARTED, null);
        findCoordinator();
    }

    /**
     * FindCoordinator: a round trip to any live broker, which names the coordinator once one is
     * up; retried every {@code retry.backoff.ms} until then (or while the member is cut off).
     */
    private void findCoordinator() {
        int inc = incarnation;
        if (sim.now() < cutUntilUs) {
            sim.schedule(Durations.ms(config.retryBackoffMs()), () -> retryFindCoordinator(inc));
            return;
        }
        link.deliver(() -> {
            boolean found = coordinator.isAvailable();
            link.respond(() -> receive(inc, () -> {
                if (found && coordinator.isAvailable()) {
                    coordinatorKnown = true;
                    requestPoll();
                } else {
                    sim.schedule(Durations.ms(config.retryBackoffMs()), () -> retryFindCoordinator(inc));
                }
            }));
        });
    }

    private void retryFindCoordinator(int inc) {
        if (inc == incarnation && alive && !coordinatorKnown) {
            findCoordinator();
        }
    }

    /**
     * {@code markCoordinatorUnknown}: the connection to the coordinator failed (it moved, its
     * broker died, a request timed out). The member keeps its generation and its partitions,
     * stops heartbeating, and looks for the coordinator again.
     */
    private void markCoordinatorUnknown(Errors cause) {
        if (!coordinatorKnown) {
            return;
        }
        coordinatorKnown = false;
        emit(GroupEventType.COORDINATOR_UNKNOWN, cause.name());
        findCoordinator();
    }

    private static boolean coordinatorError(Errors e) {
        return e == Errors.NOT_COORDINATOR || e == Errors.COORDINATOR_NOT_AVAILABLE || e == Errors.REQUEST_TIMED_OUT
                || e == Errors.COORDINATOR_LOAD_IN_PROGRESS;
    }

    /**
     * The member cannot reach its coordinator for {@code durationUs} (it still reaches partition
     * leaders, so it goes on fetching): requests to the coordinator vanish and fail after the
     * client's request timeout.
     */
    @Override
    public void cutNetwork(long durationUs) {
        if (!alive) {
            return;
        }
        cutUntilUs = Math.max(cutUntilUs, sim.now() + durationUs);
        emit(GroupEventType.NETWORK_CUT, "for " + Durations.format(durationUs));
    }

    /**
     * Graceful close ({@code KafkaConsumer.close()}): commit synchronously if auto-commit is on,
     * revoke everything, then LeaveGroup, which only a dynamic member sends (a static member
     * stays in the group until its session times out, KIP-345).
     */
    @Override
    public void stop() {
        if (!alive || closing) {
            // A stop after a start that waits for this close (see start()) cancels that restart:
            // the application is stopped again and would never poll the restarted member.
            restartAfterClose = false;
            return;
        }
        closing = true;
        sim.cancel(heartbeatTimer);
        sim.cancel(pollTimeoutTimer);
        pollDeadlineUs = Long.MAX_VALUE;
        emit(GroupEventType.MEMBER_STOPPED, null);
        SortedMap<TopicPartition, Long> positions = host.consumedPositions(owned);
        if (config.enableAutoCommit() && !positions.isEmpty() && generationId >= 0) {
            // KafkaConsumer.close(): a synchronous commit first, then revocation and LeaveGroup.
            commitOffsets(positions, error -> finishClose());
        } else {
            finishClose();
        }
    }

    private void finishClose() {
        if (generationId < 0) {
            lose(new ArrayList<>(owned), "close");
        } else {
            revoke(new ArrayList<>(owned), "close");
        }
        if (groupInstanceId == null && state != MemberState.UNJOINED && !memberId.isEmpty()) {
            LeaveGroupRequest req = new LeaveGroupRequest(groupId, memberId, null, "the consumer is being closed");
            emit(GroupEventType.LEAVE_GROUP_SENT, null);
            if (sim.now() >= cutUntilUs) {
                link.deliver(() -> coordinator.handleLeaveGroup(req, error -> { }));
            }
        }
        die();
    }

    /** The process is killed: nothing is sent, heartbeats stop, ownership ends with it. */
    @Override
    public void crash() {
        if (!alive) {
            return;
        }
        emit(GroupEventType.MEMBER_CRASHED, null);
        lose(new ArrayList<>(owned), "crash");
        // The kill also ends a start that was waiting for this process's close: the application
        // is stopped, so a member restarted by die() would never be polled.
        restartAfterClose = false;
        die();
    }

    private void fail(Errors error) {
        fail(error.name());
    }

    /** A fatal error surfaced from {@code poll()}: the application stops, as a process exit would. */
    private void fail(String reason) {
        emit(GroupEventType.MEMBER_FAILED, reason);
        lose(new ArrayList<>(owned), "fatal-error");
        die();
    }

    private void die() {
        alive = false;
        closing = false;
        incarnation++;
        sim.cancel(heartbeatTimer);
        sim.cancel(pollTimeoutTimer);
        pollDeadlineUs = Long.MAX_VALUE;
        sim.cancel(metadataTimer);
        pendingRevocation.clear();
        pollException = null;
        state = MemberState.UNJOINED;
        generationId = -1;
        memberId = "";
        if (restartAfterClose) {
            restartAfterClose = false;
            start();
        }
    }

    // ---------------------------------------------------------------- the main thread

    private void requestPoll() {
        host.wakeup();
    }

    /**
     * {@code ConsumerCoordinator.poll}, run by the application thread each time it enters
     * {@code poll()}: resets the poll timer, (re)joins if needed without blocking, and, when no
     * rebalance is under way, sends the auto-commit that is due.
     */
    @Override
    public void poll() {
        // Inside poll(): max.poll.interval.ms stops counting. The timer is left where it is (a
        // far-off deadline re-armed on every batch would cost two heap operations per batch);
        // it sees there is no deadline when it comes.
        pollDeadlineUs = Long.MAX_VALUE;
        if (alive && !closing && pollException != null) {
            // joinGroupIfNeeded rethrows the join's non-retriable exception out of poll(); kgsim's
            // application treats an exception out of poll() as fatal, like FencedInstanceIdException:
            // it stops without a LeaveGroup, so the coordinator removes it at its session timeout
            // (or when the pending SyncGroup times out), and the group rebalances without it.
            fail(pollException);
            return;
        }
        if (!alive || closing || !coordinatorKnown) {
            return;
        }
        if (rejoinNeeded || joinInFlight || syncInFlight) {
            if (!joinInFlight && !syncInFlight) {
                joinGroupIfNeeded();
            }
            return;
        }
        if (config.enableAutoCommit() && sim.now() >= nextAutoCommitUs && state == MemberState.STABLE) {
            nextAutoCommitUs = sim.now() + Durations.ms(config.autoCommitIntervalMs());
            SortedMap<TopicPartition, Long> positions = host.consumedPositions(owned);
            if (!positions.isEmpty()) {
                commitOffsets(positions, error -> { });
            }
        }
    }

    /**
     * The application returned from {@code poll()} with records: from now on the heartbeat
     * thread counts {@code max.poll.interval.ms} until the next poll.
     */
    @Override
    public void pollReturned() {
        if (alive && !closing) {
            pollDeadlineUs = sim.now() + maxPollIntervalUs;
            if (!pollTimeoutTimer.isPending() || pollTimeoutTimer.time() > pollDeadlineUs) {
                sim.reschedule(pollTimeoutTimer, maxPollIntervalUs);
            }
        }
    }

    /**
     * {@code handlePollTimeoutExpiry}: the application spent longer than
     * {@code max.poll.interval.ms} between two polls. A dynamic member sends LeaveGroup (a static
     * one does not, and will be removed at its session timeout); either way it drops its
     * generation and stops fetching, and rejoins at its next poll.
     */
    private void pollTimeoutExpired() {
        if (sim.now() < pollDeadlineUs) {
            // The application polled since this was armed: wait for the deadline now set, if any.
            if (pollDeadlineUs != Long.MAX_VALUE) {
                sim.reschedule(pollTimeoutTimer, pollDeadlineUs - sim.now());
            }
            return;
        }
        if (!alive || closing || state == MemberState.UNJOINED) {
            return;
        }
        if (sim.now() < frozenUntilUs) {
            sim.reschedule(pollTimeoutTimer, frozenUntilUs - sim.now());
            return;
        }
        emit(GroupEventType.POLL_TIMEOUT, null);
        if (groupInstanceId == null && !memberId.isEmpty()) {
            LeaveGroupRequest req = new LeaveGroupRequest(groupId, memberId, null, ClassicGroupCoordinator.POLL_TIMEOUT_REASON);
            emit(GroupEventType.LEAVE_GROUP_SENT, "poll-timeout");
            if (sim.now() >= cutUntilUs) {
                link.deliver(() -> coordinator.handleLeaveGroup(req, error -> { }));
            }
        }
        // The client calls onPartitionsLost at its next poll; fetching stops now.
        lose(new ArrayList<>(owned), "poll-timeout");
        resetState(true);
        joinInFlight = false;
        syncInFlight = false;
    }

    /** A GC pause: every thread of the process stands still until {@code untilUs}. */
    @Override
    public void freeze(long untilUs) {
        frozenUntilUs = Math.max(frozenUntilUs, untilUs);
        if (heartbeatTimer.isPending() && heartbeatTimer.time() < untilUs) {
            sim.reschedule(heartbeatTimer, untilUs - sim.now());
        }
    }

    /** When the next auto-commit is due (meaningful while auto-commit is on and the member is stable). */
    @Override
    public long nextAutoCommitUs() {
        return config.enableAutoCommit() && state == MemberState.STABLE ? nextAutoCommitUs : Long.MAX_VALUE;
    }

    /** Are some owned partitions waiting for their revocation (eager rebalance)? */
    @Override
    public boolean hasPendingRevocation() {
        return !pendingRevocation.isEmpty();
    }

    /**
     * Is every owned partition waiting for its revocation (an eager rebalance between the
     * JoinGroup's preparation and the commit's answer)? Then nothing may be fetched.
     */
    @Override
    public boolean revokingEverything() {
        // Partitions pending revocation are always owned ones.
        return !pendingRevocation.isEmpty() && pendingRevocation.size() == owned.size();
    }

    /** Is {@code tp} owned and not waiting for its revocation (eager rebalance)? */
    @Override
    public boolean mayFetch(TopicPartition tp) {
        return owned.contains(tp) && !pendingRevocation.contains(tp);
    }

    private void joinGroupIfNeeded() {
        if (needsJoinPrepare) {
            if (!onJoinPrepare()) {
                return;
            }
            needsJoinPrepare = false;
            joinPrepare = JoinPrepare.NOT_STARTED;
        }
        sendJoinGroup();
    }

    /**
     * {@code ConsumerCoordinator.onJoinPrepare}: an eager member stops fetching everything
     * (pending revocation) before the auto-commit; a member without a generation loses its
     * partitions; with auto-commit on, the JoinGroup waits for the commit's answer.
     */
    private boolean onJoinPrepare() {
        if (joinPrepare == JoinPrepare.DONE) {
            return true;
        }
        if (joinPrepare == JoinPrepare.COMMITTING) {
            return false;
        }
        if (generationId < 0 || memberId.isEmpty()) {
            lose(new ArrayList<>(owned), "generation-reset");
            joinPrepare = JoinPrepare.DONE;
            return true;
        }
        boolean eager = rebalanceProtocol == RebalanceProtocol.EAGER;
        if (eager) {
            // Stop fetching everything now; the callback (and the end of ownership) follows the commit.
            pendingRevocation.addAll(owned);
        } else {
            // Cooperative: only partitions of topics no longer subscribed are given up now.
            List<TopicPartition> dropped = new ArrayList<>();
            for (TopicPartition tp : owned) {
                if (!topics.contains(tp.topic())) {
                    dropped.add(tp);
                }
            }
            revoke(dropped, "unsubscribed");
        }
        SortedMap<TopicPartition, Long> positions = config.enableAutoCommit() ? host.consumedPositions(owned) : null;
        if (positions != null && !positions.isEmpty()) {
            joinPrepare = JoinPrepare.COMMITTING;
            int round = ++joinPrepareRound;
            commitOffsets(positions, error -> {
                if (closing || round != joinPrepareRound || joinPrepare != JoinPrepare.COMMITTING) {
                    // The member was reset (fenced, rejoined) while this commit was out: it is stale.
                    // Or the application closed the consumer meanwhile: close() commits, then
                    // revokes everything itself (onLeavePrepare); revoking here, before close's
                    // own commit arrives, would have it commit partitions already given up.
                    return;
                }
                joinPrepare = JoinPrepare.DONE;
                if (eager) {
                    revoke(new ArrayList<>(owned), "eager-rebalance");
                }
                requestPoll();
            });
            return false;
        }
        if (eager) {
            revoke(new ArrayList<>(owned), "eager-rebalance");
        }
        joinPrepare = JoinPrepare.DONE;
        return true;
    }

    // ---------------------------------------------------------------- JoinGroup

    private void sendJoinGroup() {
        joinedTopics = topics;
        state = MemberState.PREPARING_REBALANCE;
        sim.cancel(heartbeatTimer);
        joinInFlight = true;
        JoinGroupRequest req = new JoinGroupRequest(groupId, memberId, groupInstanceId, name, config.sessionTimeoutMs(),
                config.maxPollIntervalMs(), protocols(), null);
        emit(GroupEventType.JOIN_GROUP_SENT, null);
        // The client waits for a JoinGroup answer up to the rebalance timeout plus 5 s.
        send(coordinator::handleJoinGroup, req, this::onJoinGroupResponse, JoinGroupResponse.error(Errors.REQUEST_TIMED_OUT, memberId),
                Durations.ms(Math.max(config.requestTimeoutMs(), config.maxPollIntervalMs() + 5_000L)));
    }

    /** One protocol per assignor, in {@code partition.assignment.strategy} order. */
    private List<Protocol> protocols() {
        List<TopicPartition> ownedList = new ArrayList<>(owned);
        List<Protocol> out = new ArrayList<>(assignors.size());
        for (ConsumerPartitionAssignor a : assignors) {
            Subscription s = new Subscription(topics, a.subscriptionUserData(new HashSet<>(topics)), ownedList, generationId, Optional.ofNullable(rack));
            out.add(new Protocol(a.name(), bytes(ConsumerProtocol.serializeSubscription(s))));
        }
        return List.copyOf(out);
    }

    private void onJoinGroupResponse(JoinGroupResponse resp) {
        joinInFlight = false;
        switch (resp.error()) {
            case NONE -> {
                memberId = resp.memberId();
                generationId = resp.generationId();
                protocolName = resp.protocolName();
                state = MemberState.COMPLETING_REBALANCE;
                isLeader = resp.isLeader();
                // The heartbeat thread is enabled with fresh timers: first heartbeat one interval from now.
                sim.reschedule(heartbeatTimer, Durations.ms(config.heartbeatIntervalMs()));
                emit(GroupEventType.JOINED, resp.isLeader() ? "leader" : "follower");
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
            case MEMBER_ID_REQUIRED -> {
                memberId = resp.memberId();
                sendJoinGroup();
            }
            case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION -> {
                resetState(resp.error() == Errors.UNKNOWN_MEMBER_ID);
                requestPoll();
            }
            case REBALANCE_IN_PROGRESS -> sendJoinGroup();
            case COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS, REQUEST_TIMED_OUT -> {
                // Retried once the coordinator is found again, without a second onJoinPrepare.
                rejoinNeeded = true;
                markCoordinatorUnknown(resp.error());
            }
            default -> fail(resp.error());
        }
    }

    private Map<String, byte[]> performAssignment(JoinGroupResponse resp) {
        ConsumerPartitionAssignor assignor = assignorNamed(resp.protocolName());
        List<ClassicLeaderAssignment.Member> members = new ArrayList<>();
        for (JoinGroupResponse.JoinedMember m : resp.members()) {
            members.add(new ClassicLeaderAssignment.Member(m.memberId(), m.groupInstanceId(), m.metadata()));
        }
        // The leader assigns from its own metadata, which may be up to metadata.max.age.ms old.
        org.apache.kafka.common.Cluster view = metadataView;
        groupTopics = new TreeSet<>();
        for (ClassicLeaderAssignment.Member m : members) {
            groupTopics.addAll(ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(m.metadata())).topics());
        }
        assignmentSnapshot = partitionCounts(view);
        ClassicLeaderAssignment.Result r = ClassicLeaderAssignment.perform(assignor, rebalanceProtocol, view, members);
        emit(GroupEventType.ASSIGNMENT_COMPUTED, assignor.name());
        if (assignorCalls != null) {
            assignorCalls.onAssignorCall(new AssignorCall(sim.now(), groupId, generationId, assignor.getClass().getName(),
                    view, List.copyOf(members), r.groupAssignment()));
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
        StringBuilder reason = new StringBuilder("assignor threw " + e.getMessage());
        org.apache.kafka.common.Cluster current = cluster.cluster();
        StringBuilder stale = new StringBuilder();
        for (String t : groupTopics) {
            Integer known = metadataView.partitionCountForTopic(t);
            Integer actual = current.partitionCountForTopic(t);
            if (actual != null && (known == null || known < actual)) {
                stale.append(stale.length() == 0 ? "" : ", ").append(t).append(' ').append(known == null ? 0 : known)
                        .append(" of ").append(actual);
            }
        }
        if (stale.length() > 0) {
            reason.append(" (").append(STALE_LEADER_METADATA).append(": ").append(stale).append(')');
        }
        pollException = reason.toString();
        rejoinNeeded = true;
        requestPoll();
    }

    /** How an assignor failure's reason says the leader's metadata lacked partitions of the cluster. */
    public static final String STALE_LEADER_METADATA = "the leader's metadata predates added partitions, partitions known";

    // ---------------------------------------------------------------- SyncGroup

    private void sendSyncGroup(Map<String, byte[]> assignments) {
        syncInFlight = true;
        SyncGroupRequest req = new SyncGroupRequest(groupId, memberId, groupInstanceId, generationId, assignments);
        send(coordinator::handleSyncGroup, req, this::onSyncGroupResponse, SyncGroupResponse.error(Errors.REQUEST_TIMED_OUT));
    }

    private void onSyncGroupResponse(SyncGroupResponse resp) {
        syncInFlight = false;
        switch (resp.error()) {
            case NONE -> {
                if (state != MemberState.COMPLETING_REBALANCE) {
                    requestRejoin();
                    return;
                }
                state = MemberState.STABLE;
                rejoinNeeded = false;
                onJoinComplete(resp.assignment());
            }
            case REBALANCE_IN_PROGRESS -> {
                // Rejoin at once, keeping what it owns and without a second onJoinPrepare.
                rejoinNeeded = true;
                sendJoinGroup();
            }
            case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION -> {
                resetState(resp.error() == Errors.UNKNOWN_MEMBER_ID);
                requestPoll();
            }
            case COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS, REQUEST_TIMED_OUT -> {
                rejoinNeeded = true;
                markCoordinatorUnknown(resp.error());
            }
            default -> fail(resp.error());
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
            assigned.add(cluster.canonical(tp));
        }
        // Every completed join arms onJoinPrepare for the next one (joinGroupIfNeeded).
        needsJoinPrepare = true;
        joinPrepare = JoinPrepare.NOT_STARTED;
        nextAutoCommitUs = sim.now() + Durations.ms(config.autoCommitIntervalMs());
        if (rebalanceProtocol == RebalanceProtocol.COOPERATIVE) {
            List<TopicPartition> revoked = Partitions.minus(owned, assigned);
            if (!revoked.isEmpty()) {
                revoke(revoked, "cooperative-revocation");
                rejoinNeeded = true;
            }
        }
        // Deprecated for removal since 4.2 (KIP-1136: applications get it from the consumer), but
        // the consumer itself still builds one for onAssignment, and we stand in for the consumer.
        @SuppressWarnings("removal")
        ConsumerGroupMetadata metadata = new ConsumerGroupMetadata(groupId, generationId, memberId, Optional.ofNullable(groupInstanceId));
        assignorNamed(protocolName).onAssignment(assignment, metadata);
        events.on(GroupEvent.assignmentReceived(sim.now(), GroupEventType.SYNCED, groupId, name, epoch(), List.copyOf(assigned)));
        List<TopicPartition> added = Partitions.minus(assigned, owned);
        if (!metadataKnowsAll(added)) {
            // A leader with fresher metadata handed out partitions this member's metadata does not
            // have yet (added since its last refresh). The real consumer cannot position or fetch a
            // partition whose leader it does not know: OffsetFetcher (ListOffsets for the reset) and
            // AbstractFetch.prepareFetchRequests call metadata.requestUpdate, so its metadata is
            // refreshed within a round trip of the assignment, long before metadata.max.age.ms.
            // Without this a member could later lead with a view that lacks partitions it owns and
            // hand the sticky assignors ownedPartitions / KIP-341 user data beyond the topic's
            // partition count, which AbstractStickyAssignor counts as assigned ("No more unfilled
            // consumers to be assigned"). The round trip itself is not modelled.
            refreshMetadata();
        }
        if (!added.isEmpty()) {
            owned.addAll(added);
            ownedList = null;
            host.wakeup();
            events.on(GroupEvent.ownership(sim.now(), GroupEventType.PARTITIONS_ASSIGNED, groupId, name, epoch(), null,
                    added, List.copyOf(owned)));
        }
        if (!topics.equals(joinedTopics)) {
            // The subscription changed while the join was under way: join again with the new one.
            rejoinNeeded = true;
        }
        if (rejoinNeeded) {
            requestPoll();
        }
    }

    // ---------------------------------------------------------------- heartbeats

    private void heartbeatDue() {
        if (!alive || closing || !state.sendsHeartbeats()) {
            return;
        }
        if (sim.now() < frozenUntilUs) {
            sim.reschedule(heartbeatTimer, frozenUntilUs - sim.now());
            return;
        }
        if (!coordinatorKnown) {
            // The heartbeat thread waits for the coordinator to be found again.
            sim.reschedule(heartbeatTimer, Durations.ms(config.retryBackoffMs()));
            return;
        }
        sim.reschedule(heartbeatTimer, Durations.ms(config.heartbeatIntervalMs()));
        int sentGeneration = generationId;
        HeartbeatRequest req = new HeartbeatRequest(groupId, memberId, groupInstanceId, generationId);
        send(coordinator::handleHeartbeat, req, error -> onHeartbeatResponse(error, sentGeneration), Errors.REQUEST_TIMED_OUT);
    }

    private void onHeartbeatResponse(Errors error, int sentGeneration) {
        switch (error) {
            case NONE -> {
            }
            case REBALANCE_IN_PROGRESS -> {
                if (state == MemberState.STABLE) {
                    emit(GroupEventType.HEARTBEAT_ERROR, error.name());
                    requestRejoin();
                }
            }
            case ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, FENCED_INSTANCE_ID -> {
                if (sentGeneration != generationId || state == MemberState.PREPARING_REBALANCE) {
                    return;
                }
                emit(GroupEventType.HEARTBEAT_ERROR, error.name());
                if (error == Errors.FENCED_INSTANCE_ID) {
                    fail(error);
                    return;
                }
                resetState(error == Errors.UNKNOWN_MEMBER_ID);
                requestPoll();
            }
            default -> {
                emit(GroupEventType.HEARTBEAT_ERROR, error.name());
                if (coordinatorError(error)) {
                    markCoordinatorUnknown(error);
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private void requestRejoin() {
        rejoinNeeded = true;
        requestPoll();
    }

    /** {@code resetStateOnResponseError}: back to UNJOINED without a generation. */
    private void resetState(boolean resetMemberId) {
        state = MemberState.UNJOINED;
        generationId = -1;
        if (resetMemberId) {
            memberId = "";
        }
        rejoinNeeded = true;
        needsJoinPrepare = true;
        joinPrepare = JoinPrepare.NOT_STARTED;
        joinPrepareRound++;
        sim.cancel(heartbeatTimer);
    }

    /**
     * Commits {@code offsets} (the next offset to consume per partition) for the current
     * generation. A member without a generation is fenced at once, as the client throws
     * {@code CommitFailedException} without asking; a refusal is traced as commit-failed.
     */
    @Override
    public void commitOffsets(SortedMap<TopicPartition, Long> offsets, Consumer<Errors> then) {
        if (generationId < 0 || memberId.isEmpty()) {
            emit(GroupEventType.COMMIT_FAILED, "no generation: the member was fenced or left the group");
            then.accept(Errors.ILLEGAL_GENERATION);
            return;
        }
        OffsetCommitRequest req = new OffsetCommitRequest(groupId, memberId, groupInstanceId, name, generationId, offsets, sim.now());
        send(coordinator::handleOffsetCommit, req, error -> {
            if (error != Errors.NONE) {
                emit(GroupEventType.COMMIT_FAILED, error.name());
                if (coordinatorError(error)) {
                    markCoordinatorUnknown(error);
                }
            }
            then.accept(error);
        }, Errors.REQUEST_TIMED_OUT);
    }

    /** OffsetFetch: the group's committed offsets for {@code partitions} (-1 where none). */
    @Override
    public void fetchCommitted(List<TopicPartition> partitions, Consumer<Map<TopicPartition, Long>> then) {
        send((List<TopicPartition> req, Consumer<Map<TopicPartition, Long>> cb) -> coordinator.handleOffsetFetch(groupId, req, cb), partitions,
                committed -> {
                    if (committed == null) {
                        markCoordinatorUnknown(Errors.NOT_COORDINATOR);
                    }
                    then.accept(committed);
                }, (Map<TopicPartition, Long>) null);
    }

    /** Request and response each cross the network; answers to a previous incarnation are dropped. */
    private <Q, R> void send(BiConsumer<Q, Consumer<R>> handler, Q request, Consumer<R> onResponse, R timedOut) {
        send(handler, request, onResponse, timedOut, Durations.ms(config.requestTimeoutMs()));
    }

    /**
     * Request and response each cross the network; answers to a previous incarnation are
     * dropped. A request sent while the member is cut off from the coordinator never arrives:
     * the client gives up after {@code timeoutUs} with {@code timedOut}.
     */
    private <Q, R> void send(BiConsumer<Q, Consumer<R>> handler, Q request, Consumer<R> onResponse, R timedOut, long timeoutUs) {
        int inc = incarnation;
        if (sim.now() < cutUntilUs) {
            sim.schedule(timeoutUs, () -> receive(inc, () -> onResponse.accept(timedOut)));
            return;
        }
        link.deliver(() -> handler.accept(request, response -> link.respond(() -> receive(inc, () -> onResponse.accept(response)))));
    }

    /** A response reaches the process: dropped if it restarted since, held while it is frozen. */
    private void receive(int inc, Runnable handle) {
        if (inc != incarnation || !alive) {
            return;
        }
        if (sim.now() < frozenUntilUs) {
            sim.schedule(frozenUntilUs - sim.now(), () -> receive(inc, handle));
            return;
        }
        handle.run();
    }

    /**
     * {@code set.removeAll(list)} walks the set and scans the list for each element when the two
     * are the same size (an eager revocation of everything): remove one by one instead.
     */
    private static void removeEach(TreeSet<TopicPartition> set, List<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            set.remove(tp);
        }
    }

    private void revoke(List<TopicPartition> partitions, String reason) {
        removeEach(pendingRevocation, partitions);
        if (partitions.isEmpty()) {
            return;
        }
        removeEach(owned, partitions);
        ownedList = null;
        host.partitionsRemoved(partitions);
        events.on(GroupEvent.ownership(sim.now(), GroupEventType.PARTITIONS_REVOKED, groupId, name, epoch(), reason,
                Partitions.sorted(partitions), List.copyOf(owned)));
    }

    private void lose(List<TopicPartition> partitions, String reason) {
        removeEach(pendingRevocation, partitions);
        if (partitions.isEmpty()) {
            return;
        }
        removeEach(owned, partitions);
        ownedList = null;
        host.partitionsRemoved(partitions);
        events.on(GroupEvent.ownership(sim.now(), GroupEventType.PARTITIONS_LOST, groupId, name, epoch(), reason,
                Partitions.sorted(partitions), List.copyOf(owned)));
    }

    private void emit(GroupEventType type, String reason) {
        events.on(GroupEvent.member(sim.now(), type, groupId, name, epoch(), reason));
    }

    private List<ConsumerPartitionAssignor> newAssignors() {
        @SuppressWarnings("unchecked")
        List<String> classes = (List<String>) settings.values().get(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        Map<String, Object> configs = new HashMap<>(settings.values());
        configs.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        configs.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        configs.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        if (rack != null) {
            configs.put(ConsumerConfig.CLIENT_RACK_CONFIG, rack);
        }
        return ConsumerPartitionAssignor.getAssignorInstances(classes, configs);
    }

    /** {@code ConsumerCoordinator}'s rule: the highest protocol every assignor supports. */
    static RebalanceProtocol commonRebalanceProtocol(List<ConsumerPartitionAssignor> assignors) {
        RebalanceProtocol best = null;
        for (RebalanceProtocol p : RebalanceProtocol.values()) {
            boolean all = true;
            for (ConsumerPartitionAssignor a : assignors) {
                all &= a.supportedProtocols().contains(p);
            }
            if (all && (best == null || p.id() > best.id())) {
                best = p;
            }
        }
        if (best == null) {
            throw new IllegalStateException("assignors share no rebalance protocol");
        }
        return best;
    }

    private ConsumerPartitionAssignor assignorNamed(String protocol) {
        for (ConsumerPartitionAssignor a : assignors) {
            if (a.name().equals(protocol)) {
                return a;
            }
        }
        throw new IllegalStateException("member " + name + " has no assignor named " + protocol);
    }

    private static byte[] bytes(ByteBuffer buf) {
        byte[] b = new byte[buf.remaining()];
        buf.duplicate().get(b);
        return b;
    }

    // ---------------------------------------------------------------- observers' view

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isAlive() {
        return alive;
    }

    @Override
    public String memberId() {
        return memberId;
    }

    public int generationId() {
        return generationId;
    }

    @Override
    public Epoch epoch() {
        return Epoch.generation(generationId);
    }

    @Override
    public boolean inGroup() {
        return generationId >= 0;
    }

    public MemberState state() {
        return state;
    }

    @Override
    public String protocolState() {
        return state.toString();
    }

    /** Stable with its generation's assignment and nothing pending: the member has settled. */
    @Override
    public boolean isSettled() {
        return alive && !closing && state == MemberState.STABLE && !rejoinNeeded && !joinInFlight && !syncInFlight;
    }

    @Override
    public RebalanceProtocol rebalanceProtocol() {
        return rebalanceProtocol;
    }

    /** What the member owns, sorted; the same list instance until ownership changes. */
    @Override
    public List<TopicPartition> owned() {
        if (ownedList == null) {
            ownedList = List.copyOf(owned);
        }
        return ownedList;
    }
}
