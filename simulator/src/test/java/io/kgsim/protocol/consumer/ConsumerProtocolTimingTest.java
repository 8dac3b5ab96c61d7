package io.kgsim.protocol.consumer;

import static io.kgsim.protocol.GroupEventType.ASSIGNMENT_COMPUTED;
import static io.kgsim.protocol.GroupEventType.MEMBER_REMOVED;
import static io.kgsim.protocol.GroupEventType.PARTITIONS_ASSIGNED;
import static io.kgsim.protocol.GroupEventType.PARTITIONS_REVOKED;
import static io.kgsim.protocol.GroupEventType.REBALANCE_STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kgsim.engine.Durations;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.testing.Runs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exact virtual times of a join, a leave and a crash under the consumer protocol, each derived
 * from the heartbeat interval H, the assignment interval A, the session timeout S and the one-way
 * latency L, as a real 4.4 broker produces them (measured: a joiner owns its partitions one
 * heartbeat interval plus its join after it starts; a leave's or a fencing's target is computed
 * by the next heartbeat of any member; a crashed member is fenced S after its last heartbeat).
 *
 * <p>The scenario makes every heartbeat derivable: a fixed latency, no records (so no poll waits
 * for a batch) and auto-commit off (so a revocation commits nothing and acknowledges at once).
 * A member's first request is a FindCoordinator round trip (2L); its join heartbeat arrives L
 * later; the join answer (L) starts the interval, and the acknowledgement it sends at once (even
 * of an empty assignment) restarts it, so a member heartbeats at join-answer + kH until it next
 * reconciles, when the acknowledgement moves its phase to that answer.
 */
class ConsumerProtocolTimingTest {
    private static final long L = 1;           // ms, one way
    private static final long H = 5_000;       // group.consumer.heartbeat.interval.ms (default)
    private static final long A = 1_000;       // group.consumer.assignment.interval.ms (default)
    private static final long S = 10_000;      // group.consumer.session.timeout.ms (set below)

    /** c1 at 0 and c2 at 1.3 s on 6 partitions, uniform assignor, then {@code timeline}. */
    private static Runs.Recorded run(String timeline) {
        return Runs.run("""
                name: consumer-timing
                seed: 7
                duration: 100s
                cluster:
                  brokers: 1
                  config:
                    group.consumer.session.timeout.ms: 10000
                    group.consumer.min.session.timeout.ms: 10000
                network:
                  latency: fixed(1ms)
                topics:
                  - name: t
                    partitions: 6
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 1
                    commit: none
                    config:
                      group.protocol: consumer
                      group.remote.assignor: uniform
                      enable.auto.commit: false
                timeline:
                  - at: 1300ms
                    start: {group: g, count: 1}
                """ + timeline);
    }

    /** The virtual ms of the member's partitions-* events of {@code type}, in order. */
    private static List<Long> times(Runs.Recorded r, GroupEventType type, String member) {
        return r.filter(e -> e.type() == type && member.equals(e.member())).stream().map(e -> e.timeUs() / Durations.US_PER_MS).toList();
    }

    private static List<Long> times(Runs.Recorded r, GroupEventType type) {
        return r.of(type).stream().map(e -> e.timeUs() / Durations.US_PER_MS).toList();
    }

    /** When a member started at {@code start} receives its join answer: FindCoordinator (2L) plus the join heartbeat (2L). */
    private static long joinAnswer(long start) {
        return start + 2 * L + 2 * L;
    }

    /** A heartbeat sent at {@code sent} is answered, and the answer reconciled (no records, no commit), 2L later. */
    private static long answered(long sent) {
        return sent + 2 * L;
    }

    /**
     * Group formation, exactly: c1's join gets all six (a new group computes at once); c2's
     * join 1.3 s later computes a new target (A has passed) but its three are still c1's; c1
     * gives them up at its next heartbeat and c2 takes them at its own next one.
     */
    @Test
    void groupFormationHandsOverAtTheGiversThenTheReceiversNextHeartbeat() {
        Runs.Recorded r = run("");
        long c1Joined = joinAnswer(0);
        long c2Joined = joinAnswer(1_300);
        assertEquals(List.of(c1Joined), times(r, PARTITIONS_ASSIGNED, "c1"), "c1 gets everything in its join answer");
        assertEquals(List.of(c1Joined - L, c2Joined - L), times(r, ASSIGNMENT_COMPUTED), "computed at each join's arrival");
        // c1 acknowledged its join at once: its next heartbeat leaves at c1Joined + H and brings the revocation.
        assertEquals(List.of(answered(c1Joined + H)), times(r, PARTITIONS_REVOKED, "c1"));
        // c2 acknowledged its empty join answer at once; its next heartbeat, at c2Joined + H, comes after c1's ack.
        assertEquals(List.of(answered(c2Joined + H)), times(r, PARTITIONS_ASSIGNED, "c2"));
        // Kafka 4.4 creates a consumer group at epoch 1 (ModernGroup's constructor): the first join bumps it to 2.
        assertEquals(List.of(2, 3), r.of(REBALANCE_STARTED).stream().map(e -> e.epoch().groupEpoch()).toList());
    }

    /**
     * A joiner gets its partitions at its own next heartbeat after its join, one interval plus
     * the join's round trips after it starts, because the owners it takes them from revoke at
     * their own next heartbeats, which come first here.
     */
    @Test
    void aJoinerOwnsItsPartitionsOneHeartbeatIntervalAfterItsJoinAnswer() {
        long join = 20_000;
        Runs.Recorded r = run("""
                  - at: 20s
                    start: {group: g, count: 1}
                """);
        // Phases before the join: c1 reconciled (revoked) in the answer to its heartbeat at joinAnswer(0) + H;
        // c2 reconciled (gained) in the answer to its heartbeat at joinAnswer(1300) + H. Each acknowledged at once.
        long c1Phase = answered(joinAnswer(0) + H);
        long c2Phase = answered(joinAnswer(1_300) + H);
        long c3Joined = joinAnswer(join);
        assertEquals(c3Joined - L, times(r, ASSIGNMENT_COMPUTED).get(2),
                "the join's heartbeat computes the new target at once (the last computation was long before)");
        // Each old owner revokes one partition in the answer to its first heartbeat after the join.
        assertEquals(answered(c1Phase + 3 * H), times(r, PARTITIONS_REVOKED, "c1").get(1));
        assertEquals(answered(c2Phase + 3 * H), times(r, PARTITIONS_REVOKED, "c2").get(0));
        // Both acknowledgements reached the coordinator before the joiner's next heartbeat: it gets both at once.
        assertEquals(List.of(answered(c3Joined + H)), times(r, PARTITIONS_ASSIGNED, "c3"));
        assertEquals(join + 2 * L + 2 * L + H + 2 * L, answered(c3Joined + H), "= start + FindCoordinator + join + H + one round trip");
        assertEquals(2, r.filter(e -> e.type() == PARTITIONS_ASSIGNED && "c3".equals(e.member())).get(0).partitions().size());
    }

    /**
     * A leave bumps the epoch but computes nothing: the first heartbeat of any member at least A
     * after the last computation computes the target and gets its share in its answer; every
     * other survivor gets its share at its own next heartbeat.
     */
    @Test
    void aLeavesTargetIsComputedByTheNextHeartbeatOfAnyMemberAndEachSurvivorTakesItsShareAtItsOwn() {
        long leave = 40_000;
        Runs.Recorded r = run("""
                  - at: 20s
                    start: {group: g, count: 1}
                  - at: 40s
                    stop: g/c1
                """);
        long c3Phase = answered(joinAnswer(20_000) + H);          // c3 gained (and acknowledged) at 25.006 s
        long c2Phase = answered(answered(joinAnswer(1_300) + H) + 3 * H);   // c2 revoked (and acknowledged) at 21.308 s
        assertEquals(leave, times(r, PARTITIONS_REVOKED, "c1").get(2), "close revokes at once (after the formation and the join)");
        GroupEvent removed = r.first(MEMBER_REMOVED, "c1");
        assertEquals(leave + L, removed.timeUs() / Durations.US_PER_MS, "the leave heartbeat arrives one way later");
        long c3Next = c3Phase + 3 * H;                              // 40.006 s: the first heartbeat of anyone after the leave
        long c2Next = c2Phase + 4 * H;                              // 41.308 s
        assertEquals(c3Next + L, times(r, ASSIGNMENT_COMPUTED).get(3), "computed when c3's heartbeat arrives");
        assertEquals(answered(c3Next), times(r, PARTITIONS_ASSIGNED, "c3").get(1), "c3's share comes in that very answer");
        assertEquals(answered(c2Next), times(r, PARTITIONS_ASSIGNED, "c2").get(1), "c2's share at its own next heartbeat");
    }

    /**
     * The assignment interval: a leave 100 ms after a join's computation is computed neither by
     * a heartbeat within A of it nor by the acknowledgement after it, but by the first heartbeat
     * at or after computation + A, here the joiner's next regular one.
     */
    @Test
    void aLeaveWithinTheAssignmentIntervalWaitsForTheFirstHeartbeatAfterIt() {
        long join = 21_000;
        Runs.Recorded r = run("""
                  - at: 21s
                    start: {group: g, count: 1}
                  - at: 21100ms
                    stop: g/c1
                """);
        long joinComputed = joinAnswer(join) - L;                               // 21.003 s
        long c2Heartbeat = answered(joinAnswer(1_300) + H) + 3 * H;             // 21.306 s: within A of joinComputed
        long c3Next = joinAnswer(join) + H;                                     // 26.004 s: the next heartbeat of anyone after 22.003 s
        List<Long> computed = times(r, ASSIGNMENT_COMPUTED);
        assertEquals(joinComputed, computed.get(2));
        assertEquals(c3Next + L, computed.get(3), "not at c2's heartbeat (" + (c2Heartbeat + L) + " < " + (joinComputed + A)
                + ") nor its acknowledgement: at the first arrival after the interval");
        assertEquals(answered(c2Heartbeat), times(r, PARTITIONS_REVOKED, "c2").get(0), "c2 still gives one up for the join's target");
        assertEquals(List.of(answered(c3Next)), times(r, PARTITIONS_ASSIGNED, "c3"), "c3 gets everything of its share at once");
        // c2 acknowledged its revocation at once: its next regular heartbeat brings its share of c1's partitions.
        assertEquals(answered(answered(c2Heartbeat) + H), times(r, PARTITIONS_ASSIGNED, "c2").get(1));
    }

    /**
     * A crash is noticed S after the last heartbeat the coordinator received, not after the
     * crash; the fencing computes nothing, and the survivor gets the crashed member's partitions
     * in the answer to its own next heartbeat, which computes the target.
     */
    @Test
    void aCrashedMemberIsFencedASessionAfterItsLastHeartbeatAndTheSurvivorTakesOverAtItsNext() {
        long crash = 60_000;
        Runs.Recorded r = run("""
                  - at: 20s
                    start: {group: g, count: 1}
                  - at: 40s
                    stop: g/c1
                  - at: 60s
                    crash: g/c2
                """);
        long c2Phase = answered(answered(answered(joinAnswer(1_300) + H) + 3 * H) + 4 * H);  // gained c1's share at 41.310 s
        long c3Phase = answered(answered(joinAnswer(20_000) + H) + 3 * H);                   // gained at 40.008 s
        long c2LastHeartbeat = c2Phase + 3 * H;                     // 56.310 s: the next, at 61.310 s, never leaves
        assertEquals(crash, times(r, GroupEventType.PARTITIONS_LOST, "c2").get(0));
        long fenced = c2LastHeartbeat + L + S;                      // the session runs from the heartbeat's arrival
        GroupEvent removed = r.first(MEMBER_REMOVED, "c2");
        assertEquals("session-timeout", removed.reason());
        assertEquals(fenced, removed.timeUs() / Durations.US_PER_MS);
        long c3Next = c3Phase + 6 * H;                              // 70.008 s: c3's first heartbeat after the fencing (66.311 s)
        assertEquals(c3Next + L, times(r, ASSIGNMENT_COMPUTED).get(4), "computed by the survivor's heartbeat, not at the fencing");
        assertEquals(answered(c3Next), times(r, PARTITIONS_ASSIGNED, "c3").get(2));
        assertEquals(List.of(2, 3, 4, 5, 6), r.of(REBALANCE_STARTED).stream().map(e -> e.epoch().groupEpoch()).toList(),
                "joins 2, 3, 4; the leave 5; the fencing 6, as the broker numbered them");
    }
}
