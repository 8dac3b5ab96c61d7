package io.kgsim.protocol.classic;

import io.kgsim.cluster.ClusterModel;
import io.kgsim.cluster.Network;
import io.kgsim.engine.RandomStreams;
import io.kgsim.scenario.GroupSpec;
import io.kgsim.scenario.Scenario;
import io.kgsim.testing.MemberBench;
import io.kgsim.testing.Runs;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * One classic member on a fixed 1 ms network, its coordinator a script the test answers by
 * hand, its application a stub that records wake-ups and reports chosen positions. Builds the
 * simulation, network and cluster directly: no scenario run, no ConsumerApp.
 */
final class MemberHarness extends MemberBench {
    static final int HEARTBEAT_MS = 3_000;
    static final int MAX_POLL_MS = 30_000;

    final ClusterModel cluster;
    final ScriptedCoordinator coordinator = new ScriptedCoordinator();
    final ClassicMember member;
    /** The assignor's protocol name, as the coordinator would choose it. */
    final String protocol;

    /**
     * @param strategy {@code partition.assignment.strategy}: range (eager) or cooperative-sticky
     */
    MemberHarness(String strategy, boolean autoCommit, boolean staticMembership) {
        Scenario s = Runs.parse("""
                name: member
                seed: 42
                duration: 1m
                network:
                  latency: fixed(1ms)
                topics:
                  - name: t
                    partitions: 6
                  - name: u
                    partitions: 2
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 1
                    static.membership: %s
                    %s
                    config:
                      partition.assignment.strategy: %s
                      enable.auto.commit: %s
                      session.timeout.ms: 10000
                      heartbeat.interval.ms: %d
                      max.poll.interval.ms: %d
                """.formatted(staticMembership, autoCommit ? "" : "commit: none", strategy, autoCommit, HEARTBEAT_MS, MAX_POLL_MS));
        protocol = strategy;
        cluster = new ClusterModel(s.cluster(), s.topics(), SEED);
        Network network = new Network(sim, new RandomStreams(SEED), s.network().latency());
        GroupSpec g = s.groups().get(0);
        member = new ClassicMember(sim, network, coordinator, cluster, events::add, null, "g", "c1", staticMembership, null,
                g.config(), g.subscription());
        member.attach(host);
    }

    static MemberHarness eager() {
        return new MemberHarness("range", false, false);
    }

    static MemberHarness eagerAutoCommit() {
        return new MemberHarness("range", true, false);
    }

    static MemberHarness cooperative() {
        return new MemberHarness("cooperative-sticky", false, false);
    }

    // ---------------------------------------------------------------- time and inputs

    @Override
    protected List<Object> requests() {
        return coordinator.requests;
    }

    void poll() {
        member.poll();
        settle();
    }

    MembershipState state() {
        return member.membershipState();
    }

    /** The kinds of request sent since the mark, in order (JoinGroup, SyncGroup, Heartbeat, ...). */
    List<String> requestsSinceMark() {
        List<String> out = new ArrayList<>();
        for (Object r : requestsSince()) {
            out.add(r.getClass().getSimpleName().replace("Request", ""));
        }
        return out;
    }

    <T> T lastRequest(Class<T> type) {
        for (int i = coordinator.requests.size() - 1; i >= 0; i--) {
            if (type.isInstance(coordinator.requests.get(i))) {
                return type.cast(coordinator.requests.get(i));
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " was sent");
    }

    // ---------------------------------------------------------------- getting to a state

    /** Started, coordinator found: UNJOINED, waiting for the application's poll. */
    MemberHarness unjoined() {
        member.start();
        settle();
        return this;
    }

    /** A JoinGroup with the member id the coordinator gave (after MEMBER_ID_REQUIRED) is out. */
    MemberHarness joining() {
        unjoined();
        poll();
        answerJoin(JoinGroupResponse.error(Errors.MEMBER_ID_REQUIRED, "c1-id"));
        return this;
    }

    /** Follower of generation 1, its SyncGroup out. */
    MemberHarness syncing() {
        joining();
        answerJoin(follower(1));
        return this;
    }

    /** Stable in generation 1 with t-0, t-1, t-2. */
    MemberHarness stable() {
        syncing();
        answerSync(t(0), t(1), t(2));
        return this;
    }

    /** Stable, then a heartbeat answered REBALANCE_IN_PROGRESS: the rejoin is requested. */
    MemberHarness stableRejoinRequested() {
        stable();
        heartbeatAnswered(Errors.REBALANCE_IN_PROGRESS);
        return this;
    }

    /** Eager with auto-commit: onJoinPrepare's commit is out (positions for everything owned). */
    MemberHarness joinPrepareCommit() {
        stableRejoinRequested();
        for (TopicPartition tp : member.owned()) {
            host.positions.put(tp, 10L);
        }
        poll();
        return this;
    }

    /** onJoinPrepare's commit answered: the JoinGroup waits for the next poll. */
    MemberHarness joinPrepared() {
        joinPrepareCommit();
        answerCommit(Errors.NONE);
        return this;
    }

    /** The JoinGroup met a coordinator error; the coordinator was found again. */
    MemberHarness joinRetry() {
        joining();
        answerJoin(JoinGroupResponse.error(Errors.NOT_COORDINATOR, "c1-id"));
        return this;
    }

    /** The SyncGroup met a coordinator error; the coordinator was found again. */
    MemberHarness syncFailed() {
        syncing();
        answerSync(Errors.COORDINATOR_NOT_AVAILABLE);
        return this;
    }

    /** The heartbeat thread's next turn comes and its request reaches the coordinator. */
    void heartbeatDue() {
        run(HEARTBEAT_MS);
    }

    void heartbeatAnswered(Errors error) {
        heartbeatDue();
        coordinator.take(coordinator.heartbeats).accept(error);
        settle();
    }

    // ---------------------------------------------------------------- the coordinator's answers

    void answerJoin(JoinGroupResponse resp) {
        coordinator.take(coordinator.joins).accept(resp);
        settle();
    }

    void answerSync(TopicPartition... assignment) {
        coordinator.take(coordinator.syncs).accept(new SyncGroupResponse(Errors.NONE, assignmentBytes(assignment)));
        settle();
    }

    void answerSync(Errors error) {
        coordinator.take(coordinator.syncs).accept(SyncGroupResponse.error(error));
        settle();
    }

    void answerCommit(Errors error) {
        coordinator.take(coordinator.commits).accept(error);
        settle();
    }

    /** c1 follows in {@code generation}, the coordinator having chosen this member's assignor. */
    JoinGroupResponse follower(int generation) {
        return new JoinGroupResponse(Errors.NONE, generation, protocol, "leader-id", "c1-id", false, List.of());
    }

    /** c1 leads generation {@code generation} of itself and one other member, both on topic t. */
    static JoinGroupResponse leaderOf(int generation, String protocol) {
        List<JoinGroupResponse.JoinedMember> members = List.of(
                new JoinGroupResponse.JoinedMember("c1-id", null, subscriptionBytes()),
                new JoinGroupResponse.JoinedMember("c2-id", null, subscriptionBytes()));
        return new JoinGroupResponse(Errors.NONE, generation, protocol, "c1-id", "c1-id", false, members);
    }

    private static byte[] subscriptionBytes() {
        return bytes(ConsumerProtocol.serializeSubscription(new Subscription(List.of("t"), null, List.of(), -1, Optional.empty())));
    }

    static byte[] assignmentBytes(TopicPartition... partitions) {
        return bytes(ConsumerProtocol.serializeAssignment(new Assignment(List.of(partitions))));
    }

    private static byte[] bytes(ByteBuffer buf) {
        byte[] b = new byte[buf.remaining()];
        buf.duplicate().get(b);
        return b;
    }

    static TopicPartition t(int partition) {
        return new TopicPartition("t", partition);
    }

    // ---------------------------------------------------------------- stubs

    /** Records every request and keeps the callbacks for the test to answer, oldest first. */
    static final class ScriptedCoordinator implements ClassicGroupRequests {
        boolean available = true;
        final List<Object> requests = new ArrayList<>();
        final List<Consumer<JoinGroupResponse>> joins = new ArrayList<>();
        final List<Consumer<SyncGroupResponse>> syncs = new ArrayList<>();
        final List<Consumer<Errors>> heartbeats = new ArrayList<>();
        final List<Consumer<Errors>> commits = new ArrayList<>();

        <T> T take(List<T> pending) {
            if (pending.isEmpty()) {
                throw new AssertionError("no such request is waiting for an answer; sent: " + requests);
            }
            return pending.remove(0);
        }

        @Override
        public boolean isAvailable() {
            return available;
        }

        @Override
        public void handleJoinGroup(JoinGroupRequest req, Consumer<JoinGroupResponse> respond) {
            requests.add(req);
            joins.add(respond);
        }

        @Override
        public void handleSyncGroup(SyncGroupRequest req, Consumer<SyncGroupResponse> respond) {
            requests.add(req);
            syncs.add(respond);
        }

        @Override
        public void handleHeartbeat(HeartbeatRequest req, Consumer<Errors> respond) {
            requests.add(req);
            heartbeats.add(respond);
        }

        @Override
        public void handleLeaveGroup(LeaveGroupRequest req, Consumer<Errors> respond) {
            requests.add(req);
        }

        @Override
        public void handleOffsetCommit(OffsetCommitRequest req, Consumer<Errors> respond) {
            requests.add(req);
            commits.add(respond);
        }

        @Override
        public void handleOffsetFetch(String groupId, List<TopicPartition> partitions, Consumer<Map<TopicPartition, Long>> respond) {
            requests.add(partitions);
        }
    }
}
