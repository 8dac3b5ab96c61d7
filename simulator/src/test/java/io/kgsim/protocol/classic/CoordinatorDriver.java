package io.kgsim.protocol.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kgsim.cluster.Partitions;
import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.scenario.BrokerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * Drives one {@link ClassicGroupCoordinator} directly, without members or a network: requests
 * are method calls, responses are captured as they come (at once, or when a parked request's
 * phase completes), and virtual time moves only when a test advances it. Group "g" throughout.
 */
final class CoordinatorDriver {
    static final String GROUP = "g";
    static final int SESSION_MS = 10_000;
    static final int REBALANCE_MS = 60_000;
    static final int INITIAL_DELAY_MS = 3_000;
    static final int MIN_SESSION_MS = 6_000;
    static final int MAX_SESSION_MS = 1_800_000;
    static final long SEED = 7;
    static final Protocol RANGE = new Protocol("range", new byte[] {1});

    final Simulation sim = new Simulation(SEED);
    final List<GroupEvent> events = new ArrayList<>();
    final ClassicGroupCoordinator coordinator;

    CoordinatorDriver() {
        this(Integer.MAX_VALUE);
    }

    CoordinatorDriver(int groupMaxSize) {
        this(groupMaxSize, 0);
    }

    /** A coordinator whose writes to {@code __consumer_offsets} take {@code writeLatencyUs} to commit. */
    CoordinatorDriver(int groupMaxSize, long writeLatencyUs) {
        BrokerConfig broker = new BrokerConfig(INITIAL_DELAY_MS, 50, MIN_SESSION_MS, MAX_SESSION_MS, groupMaxSize, false, 9_000,
                io.kgsim.scenario.ConsumerGroupBrokerConfig.DEFAULTS, -1, writeLatencyUs);
        coordinator = new ClassicGroupCoordinator(sim, broker, events::add);
        this.writeLatencyUs = writeLatencyUs;
    }

    private final long writeLatencyUs;

    /** Every response one request got: none while it is parked. */
    static final class Reply<T> implements Consumer<T> {
        final List<T> got = new ArrayList<>();

        @Override
        public void accept(T response) {
            got.add(response);
        }

        boolean parked() {
            return got.isEmpty();
        }

        /** The one response, asserting there was exactly one. */
        T only() {
            assertEquals(1, got.size(), "responses: " + got);
            return got.get(0);
        }
    }

    // ---------------------------------------------------------------- JoinGroup

    Reply<JoinGroupResponse> join(String memberId, String client, String instanceId, int sessionMs, int rebalanceMs, Protocol... protocols) {
        Reply<JoinGroupResponse> reply = new Reply<>();
        coordinator.handleJoinGroup(new JoinGroupRequest(GROUP, memberId, instanceId, client, sessionMs, rebalanceMs, List.of(protocols), "test"), reply);
        return reply;
    }

    Reply<JoinGroupResponse> join(String memberId, String client, String instanceId, Protocol... protocols) {
        return join(memberId, client, instanceId, SESSION_MS, REBALANCE_MS, protocols);
    }

    Reply<JoinGroupResponse> join(String memberId, String client) {
        return join(memberId, client, null, RANGE);
    }

    /** A dynamic member's first JoinGroup (KIP-394): the id it must come back with. */
    String newMemberId(String client) {
        JoinGroupResponse r = join("", client).only();
        assertEquals(Errors.MEMBER_ID_REQUIRED, r.error());
        return r.memberId();
    }

    // ---------------------------------------------------------------- the other requests

    Reply<SyncGroupResponse> sync(String memberId, String instanceId, int generation, Map<String, byte[]> assignments) {
        Reply<SyncGroupResponse> reply = new Reply<>();
        coordinator.handleSyncGroup(new SyncGroupRequest(GROUP, memberId, instanceId, generation, assignments), reply);
        return reply;
    }

    Reply<SyncGroupResponse> sync(String memberId, int generation) {
        return sync(memberId, null, generation, Map.of());
    }

    Errors heartbeat(String memberId, String instanceId, int generation) {
        Reply<Errors> reply = new Reply<>();
        coordinator.handleHeartbeat(new HeartbeatRequest(GROUP, memberId, instanceId, generation), reply);
        return reply.only();
    }

    Errors heartbeat(String memberId, int generation) {
        return heartbeat(memberId, null, generation);
    }

    Errors leave(String memberId, String instanceId, String reason) {
        Reply<Errors> reply = new Reply<>();
        coordinator.handleLeaveGroup(new LeaveGroupRequest(GROUP, memberId, instanceId, reason), reply);
        return reply.only();
    }

    Errors commit(String memberId, String client, int generation, Map<TopicPartition, Long> offsets) {
        return commitReply(memberId, client, generation, offsets).only();
    }

    /** An OffsetCommit whose answer may come later (once written). */
    Reply<Errors> commitReply(String memberId, String client, int generation, Map<TopicPartition, Long> offsets) {
        Reply<Errors> reply = new Reply<>();
        SortedMap<TopicPartition, Long> sorted = new TreeMap<>(Partitions.ORDER);
        sorted.putAll(offsets);
        coordinator.handleOffsetCommit(new OffsetCommitRequest(GROUP, memberId, null, client, generation, sorted, sim.now()), reply);
        return reply;
    }

    // ---------------------------------------------------------------- time and observation

    /** Moves the clock {@code ms} milliseconds on, running every timer due until then, the last instant included. */
    void advanceMs(long ms) {
        long target = sim.now() + Durations.ms(ms);
        while (sim.peek() <= target) {
            sim.step();
        }
        sim.run(target);
    }

    ClassicGroupState state() {
        return coordinator.state(GROUP);
    }

    int generation() {
        return coordinator.generationId(GROUP);
    }

    List<GroupEvent> events(GroupEventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    /** Who was removed, with why, in order: "c2:session-timeout". */
    List<String> removals() {
        return events(GroupEventType.MEMBER_REMOVED).stream().map(e -> e.member() + ":" + e.reason()).toList();
    }

    // ---------------------------------------------------------------- ready-made groups

    /**
     * Members join an empty group (dynamic when {@code instanceIds} is null, else static with
     * instance id "i" + client) and the delayed initial join completes: the group is in
     * CompletingRebalance at generation 1. Returns each client's JoinGroup answer, in join order.
     */
    Map<String, JoinGroupResponse> completingGroup(boolean isStatic, String... clients) {
        Map<String, Reply<JoinGroupResponse>> replies = new LinkedHashMap<>();
        for (String c : clients) {
            replies.put(c, isStatic ? join("", c, "i" + c, RANGE) : join(newMemberId(c), c));
        }
        // Members added during the initial delay extend it once: two delays at most.
        advanceMs(2L * INITIAL_DELAY_MS);
        Map<String, JoinGroupResponse> answers = new LinkedHashMap<>();
        replies.forEach((c, r) -> answers.put(c, r.only()));
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, state());
        return answers;
    }

    /**
     * {@link #completingGroup}, then the leader's SyncGroup (assigning each member its client
     * name's bytes) and every follower's: the group is Stable at generation 1. Returns the
     * member ids by client, in join order.
     */
    Map<String, String> stableGroup(boolean isStatic, String... clients) {
        Map<String, JoinGroupResponse> answers = completingGroup(isStatic, clients);
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, byte[]> assignments = new LinkedHashMap<>();
        answers.forEach((c, r) -> {
            ids.put(c, r.memberId());
            assignments.put(r.memberId(), c.getBytes());
        });
        String leader = answers.values().iterator().next().leader();
        assertEquals(ids.values().iterator().next(), leader, "the first to join leads");
        List<Reply<SyncGroupResponse>> replies = new ArrayList<>();
        for (Map.Entry<String, String> e : ids.entrySet()) {
            boolean isLeader = e.getValue().equals(leader);
            replies.add(sync(e.getValue(), isStatic ? "i" + e.getKey() : null, 1, isLeader ? assignments : Map.of()));
        }
        // The answers come once the leader's assignment is written.
        advanceMs((writeLatencyUs + 999) / 1_000);
        for (Reply<SyncGroupResponse> r : replies) {
            assertEquals(Errors.NONE, r.only().error());
        }
        assertEquals(ClassicGroupState.STABLE, state());
        return ids;
    }
}
