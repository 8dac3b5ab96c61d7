package io.kgsim.protocol.consumer;

import io.kgsim.cluster.ClusterModel;
import io.kgsim.cluster.Network;
import io.kgsim.engine.RandomStreams;
import io.kgsim.scenario.GroupSpec;
import io.kgsim.scenario.Scenario;
import io.kgsim.testing.MemberBench;
import io.kgsim.testing.Runs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * One consumer-protocol member on a fixed 1 ms network, its coordinator a script the test
 * answers by hand, its application a stub that records wake-ups and reports chosen positions.
 * Builds the simulation, network and cluster directly: no scenario run, no ConsumerApp.
 */
final class ConsumerMemberHarness extends MemberBench {
    /** The interval the scripted coordinator gives in its answers. */
    static final int HEARTBEAT_MS = 3_000;
    static final int MAX_POLL_MS = 30_000;

    final ClusterModel cluster;
    final ScriptedCoordinator coordinator = new ScriptedCoordinator();
    final ConsumerMember member;

    ConsumerMemberHarness(boolean autoCommit, boolean staticMembership) {
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
                      group.protocol: consumer
                      enable.auto.commit: %s
                      max.poll.interval.ms: %d
                """.formatted(staticMembership, autoCommit ? "" : "commit: none", autoCommit, MAX_POLL_MS));
        cluster = new ClusterModel(s.cluster(), s.topics(), SEED);
        Network network = new Network(sim, new RandomStreams(SEED), s.network().latency());
        GroupSpec g = s.groups().get(0);
        member = new ConsumerMember(sim, network, coordinator, cluster, events::add, "g", "c1", staticMembership, "rack-a", g.config(),
                g.subscription());
        member.attach(host);
    }

    static ConsumerMemberHarness dynamic() {
        return new ConsumerMemberHarness(false, false);
    }

    static ConsumerMemberHarness autoCommit() {
        return new ConsumerMemberHarness(true, false);
    }

    static ConsumerMemberHarness staticMember() {
        return new ConsumerMemberHarness(false, true);
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

    /**
     * A reconciliation, one step per poll() as for an application that is never idle in it (the
     * stub host has no poll loop): the start, then onPartitionsRevoked and onPartitionsAssigned,
     * each when needed, until it is acknowledged.
     */
    void reconcile() {
        for (int step = 0; step < 3 && state() == ConsumerMemberState.RECONCILING; step++) {
            poll();
        }
    }

    ConsumerMemberState state() {
        return member.state();
    }

    /** The heartbeats sent since the mark, in order. */
    List<ConsumerGroupHeartbeatRequest> heartbeatsSinceMark() {
        List<ConsumerGroupHeartbeatRequest> out = new ArrayList<>();
        for (Object r : requestsSince()) {
            if (r instanceof ConsumerGroupHeartbeatRequest h) {
                out.add(h);
            }
        }
        return out;
    }

    List<String> requestsSinceMark() {
        List<String> out = new ArrayList<>();
        for (Object r : requestsSince()) {
            out.add(r instanceof ConsumerGroupHeartbeatRequest h && h.isLeave() ? "Leave" : r.getClass().getSimpleName().replace("Request", ""));
        }
        return out;
    }

    ConsumerGroupHeartbeatRequest lastHeartbeat() {
        for (int i = coordinator.requests.size() - 1; i >= 0; i--) {
            if (coordinator.requests.get(i) instanceof ConsumerGroupHeartbeatRequest h) {
                return h;
            }
        }
        throw new AssertionError("no heartbeat was sent");
    }

    // ---------------------------------------------------------------- getting to a state

    /** Started, coordinator found: UNSUBSCRIBED until the application polls. */
    ConsumerMemberHarness unsubscribed() {
        member.start();
        settle();
        return this;
    }

    /** The join heartbeat is out, unanswered. */
    ConsumerMemberHarness joining() {
        unsubscribed();
        poll();
        return this;
    }

    /** Joined at epoch 1 with t-0, t-1, t-2 as its target: reconciling until the next poll. */
    ConsumerMemberHarness reconciling() {
        joining();
        answer(1, t(0), t(1), t(2));
        return this;
    }

    /** Reconciled while a regular heartbeat was in flight: the acknowledgement waits for its answer. */
    ConsumerMemberHarness acknowledging() {
        reconciling();
        run(HEARTBEAT_MS);
        reconcile();
        return this;
    }

    /** Owns t-0, t-1, t-2 at epoch 1, acknowledged. */
    ConsumerMemberHarness stable() {
        reconciling();
        reconcile();
        answer(1);
        return this;
    }

    ConsumerMemberHarness fenced() {
        stable();
        heartbeatDue();
        answer(Errors.FENCED_MEMBER_EPOCH);
        return this;
    }

    /** Stable, then the application spent longer than max.poll.interval.ms away from poll(). */
    ConsumerMemberHarness stale() {
        stable();
        coordinator.autoAnswerEpoch = 1;
        member.pollReturned();
        run(MAX_POLL_MS + 1);
        settle();
        coordinator.autoAnswerEpoch = -1;
        return this;
    }

    ConsumerMemberHarness fatal() {
        joining();
        answer(Errors.UNRELEASED_INSTANCE_ID);
        return this;
    }

    /** The interval passes: a regular heartbeat reaches the coordinator. */
    void heartbeatDue() {
        run(HEARTBEAT_MS);
    }

    // ---------------------------------------------------------------- the coordinator's answers

    /** Answers the oldest heartbeat waiting: NONE at {@code epoch}, with this assignment (none given: unchanged). */
    void answer(int epoch, TopicPartition... assignment) {
        List<TopicPartition> a = assignment.length == 0 ? null : List.of(assignment);
        coordinator.take(coordinator.heartbeats).accept(new ConsumerGroupHeartbeatResponse(Errors.NONE, null, member.memberId(), epoch,
                HEARTBEAT_MS, a));
        settle();
    }

    /** Answers the oldest heartbeat waiting with an empty assignment at {@code epoch}. */
    void answerEmpty(int epoch) {
        coordinator.take(coordinator.heartbeats).accept(new ConsumerGroupHeartbeatResponse(Errors.NONE, null, member.memberId(), epoch,
                HEARTBEAT_MS, List.of()));
        settle();
    }

    void answer(Errors error) {
        coordinator.take(coordinator.heartbeats).accept(ConsumerGroupHeartbeatResponse.error(error, "scripted", member.memberId()));
        settle();
    }

    void answerCommit(Errors error) {
        coordinator.take(coordinator.commits).accept(error);
        settle();
    }

    static TopicPartition t(int partition) {
        return new TopicPartition("t", partition);
    }

    // ---------------------------------------------------------------- stubs

    /** Records every request and keeps the callbacks for the test to answer, oldest first. */
    static final class ScriptedCoordinator implements ConsumerGroupRequests {
        final List<Object> requests = new ArrayList<>();
        final List<Consumer<ConsumerGroupHeartbeatResponse>> heartbeats = new ArrayList<>();
        final List<Consumer<Errors>> commits = new ArrayList<>();
        final List<Consumer<OffsetFetchResponse>> fetches = new ArrayList<>();
        /** Above -1: every regular heartbeat is answered at once, NONE at this epoch, nothing new. */
        int autoAnswerEpoch = -1;

        <T> T take(List<T> pending) {
            if (pending.isEmpty()) {
                throw new AssertionError("no such request is waiting for an answer; sent: " + requests);
            }
            return pending.remove(0);
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public void handleHeartbeat(ConsumerGroupHeartbeatRequest req, Consumer<ConsumerGroupHeartbeatResponse> respond) {
            requests.add(req);
            if (req.isLeave()) {
                return;
            }
            if (autoAnswerEpoch >= 0) {
                respond.accept(new ConsumerGroupHeartbeatResponse(Errors.NONE, null, req.memberId(), autoAnswerEpoch, HEARTBEAT_MS, null));
                return;
            }
            heartbeats.add(respond);
        }

        @Override
        public void handleOffsetCommit(OffsetCommitRequest req, Consumer<Errors> respond) {
            requests.add(req);
            commits.add(respond);
        }

        @Override
        public void handleOffsetFetch(OffsetFetchRequest req, Consumer<OffsetFetchResponse> respond) {
            requests.add(req);
            fetches.add(respond);
        }
    }
}
