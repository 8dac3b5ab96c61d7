package io.kgsim.protocol.consumer;

import static io.kgsim.protocol.GroupEventType.ASSIGNMENT_COMPUTED;
import static io.kgsim.protocol.GroupEventType.MEMBER_REMOVED;
import static io.kgsim.protocol.GroupEventType.PARTITIONS_ASSIGNED;
import static io.kgsim.protocol.GroupEventType.PARTITIONS_REVOKED;
import static io.kgsim.protocol.GroupEventType.REBALANCE_STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.engine.Durations;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.testing.Runs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exact virtual times of a join, a leave and a crash under the consumer protocol, each derived
 * from the heartbeat interval H, the assignment interval A, the session timeout S, the one-way
 * latency L and the application's poll-loop turn R, as a real 4.4 broker and client produce them
 * (measured: a joiner owns its partitions one heartbeat interval plus its join after it starts; a
 * leave's or a fencing's target is computed by the next heartbeat of any member; a crashed member
 * is fenced S after its last heartbeat; every reconciliation is acknowledged 0.1–0.3 s after the
 * answer that brought it).
 *
 * <p>The scenario makes every heartbeat derivable: a fixed latency, no records (so every member
 * waits idle in {@code poll()}) and auto-commit off. A member's first request is a FindCoordinator
 * round trip (2L); its join heartbeat arrives L later; the join answer (L) starts the interval.
 * The rebalance callbacks run on the application thread, which idles in {@code poll()} turning
 * every R = {@code retry.backoff.ms} plus the turn's own work (1 ms) from the moment its current wait
 * began, so its turns slide against the heartbeat interval (kgsim wakes the loop
 * when FindCoordinator answers and when new partitions' positions arrive, 2L after they are
 * assigned): a gain is started by the background thread at once and takes one turn
 * ({@code onPartitionsAssigned}); a revocation takes three (the poll that starts it,
 * {@code onPartitionsRevoked}, {@code onPartitionsAssigned}). The acknowledgement leaves at the
 * last turn and restarts the interval, so a member heartbeats at ack + kH until it next
 * reconciles.
 */
class ConsumerProtocolTimingTest {
    private static final long L = 1;           // ms, one way
    private static final long H = 5_000;       // group.consumer.heartbeat.interval.ms (default)
    private static final long A = 1_000;       // group.consumer.assignment.interval.ms (default)
    private static final long S = 10_000;      // group.consumer.session.timeout.ms (set below)
    private static final long R = 101;         // retry.backoff.ms (default) + the turn's work (1 ms): the idle poll loop's turn

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

    /** A heartbeat sent at {@code sent} is answered 2L later. */
    private static long answered(long sent) {
        return sent + 2 * L;
    }

    /** The idle poll loop's first turn strictly after {@code t}, its current wait having begun at {@code waitBegan}. */
    private static long nextTurn(long waitBegan, long t) {
        return waitBegan + ((t - waitBegan) / R + 1) * R;
    }

    /** When a member started at {@code start} acknowledges its join: its loop's wait began at FindCoordinator's answer. */
    private static long joinAck(long start) {
        return nextTurn(start + 2 * L, joinAnswer(start));
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
        long c1Ack = joinAck(0);
        assertEquals(2 * L + R, c1Ack, "one turn after FindCoordinator's answer, the join answer came before it");
        assertEquals(List.of(c1Ack), times(r, PARTITIONS_ASSIGNED, "c1"), "c1 takes everything of its join answer at the loop's next turn");
        assertEquals(List.of(c1Joined - L, c2Joined - L), times(r, ASSIGNMENT_COMPUTED), "computed at each join's arrival");
        // c1's next heartbeat leaves at c1Ack + H and brings the revocation; its loop's wait began when its
        // partitions' positions came (c1Ack + 2L): a turn is 1 ms longer than the backoff, so its turns have slid
        // against the heartbeat timer and the poll that starts the reconciliation comes 50 ms after the answer
        // (not a whole turn, as when 50 turns made one interval); onPartitionsRevoked a turn after that.
        long c1Answer = answered(c1Ack + H);
        long c1Start = nextTurn(c1Ack + 2 * L, c1Answer);
        assertEquals(c1Answer + 50, c1Start);
        assertEquals(List.of(c1Start + R), times(r, PARTITIONS_REVOKED, "c1"));
        // c2 acknowledged its empty join answer at its first turn; its next heartbeat, at c2Ack + H, comes after
        // c1's acknowledgement (c1Start + 2R); its loop turns at 1.302 s + kR, so it takes them at its next turn.
        long c2Ack = joinAck(1_300);
        assertTrue(c1Start + 2 * R < c2Ack + H);
        assertEquals(List.of(nextTurn(1_300 + 2 * L, answered(c2Ack + H))), times(r, PARTITIONS_ASSIGNED, "c2"));
        // Kafka 4.4 creates a consumer group at epoch 1 (ModernGroup's constructor): the first join bumps it to 2.
        assertEquals(List.of(2, 3), r.of(REBALANCE_STARTED).stream().map(e -> e.epoch().groupEpoch()).toList());
    }

    /** c1's acknowledgement of its formation revocation: the third turn from the answer to its heartbeat at joinAck(0) + H. */
    private static final long C1_REVOKED_ACK = nextTurn(joinAck(0) + 2 * L, answered(joinAck(0) + H)) + 2 * R;
    /** c2's acknowledgement of its formation gain: the first turn after the answer to its heartbeat at joinAck(1300) + H. */
    private static final long C2_GAINED_ACK = nextTurn(1_300 + 2 * L, answered(joinAck(1_300) + H));

    /**
     * A joiner gets its partitions at its own next heartbeat after its join, one interval plus
     * the join's round trips and two poll-loop turns after it starts, because the owners it takes
     * them from revoke at their own next heartbeats, which come first here.
     */
    @Test
    void aJoinerOwnsItsPartitionsOneHeartbeatIntervalAfterItsJoinAnswer() {
        long join = 20_000;
        Runs.Recorded r = run("""
                  - at: 20s
                    start: {group: g, count: 1}
                """);
        long c3Joined = joinAnswer(join);
        assertEquals(c3Joined - L, times(r, ASSIGNMENT_COMPUTED).get(2),
                "the join's heartbeat computes the new target at once (the last computation was long before)");
        // Each old owner revokes one partition at its first heartbeat after the join, the turn after the one that
        // starts the reconciliation. c1's loop turns at C1_REVOKED_ACK + kR (that turn was its last poll).
        long c1Answer = answered(C1_REVOKED_ACK + 3 * H);
        assertEquals(nextTurn(C1_REVOKED_ACK, c1Answer) + R, times(r, PARTITIONS_REVOKED, "c1").get(1));
        // c2's loop wait began when its gained partitions' positions came (C2_GAINED_ACK + 2L).
        long c2Answer = answered(C2_GAINED_ACK + 3 * H);
        long c2RevokedAt = nextTurn(C2_GAINED_ACK + 2 * L, c2Answer) + R;
        assertEquals(c2RevokedAt, times(r, PARTITIONS_REVOKED, "c2").get(0));
        // Both acknowledgements (one turn after each revocation) reached the coordinator before the joiner's next
        // heartbeat, at its join acknowledgement + H: it gets both at the first turn after that answer.
        long c3Ack = joinAck(join);
        assertTrue(c2RevokedAt + R < c3Ack + H);
        long c3Gained = nextTurn(join + 2 * L, answered(c3Ack + H));
        assertEquals(List.of(c3Gained), times(r, PARTITIONS_ASSIGNED, "c3"));
        assertEquals(join + 2 * L + R + H + 50, c3Gained,
                "= start + FindCoordinator + the turn acknowledging the join + H + 50 ms: 50 turns make 5050 ms, so the"
                + " loop's turns no longer fall on the heartbeats and the one taking the partitions comes 50 ms after it");
        assertEquals(2, r.filter(e -> e.type() == PARTITIONS_ASSIGNED && "c3".equals(e.member())).get(0).partitions().size());
    }

    /** c3 (started at 20 s) acknowledges its gain of the join at its first turn after the answer to its heartbeat at joinAck(20000) + H. */
    private static final long C3_GAINED_ACK = nextTurn(20_000 + 2 * L, answered(joinAck(20_000) + H));
    /** c2's acknowledgement of its revocation for that join: the third turn from its answer. */
    private static final long C2_REVOKED_ACK = nextTurn(C2_GAINED_ACK + 2 * L, answered(C2_GAINED_ACK + 3 * H)) + 2 * R;

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
        assertEquals(leave, times(r, PARTITIONS_REVOKED, "c1").get(2), "close revokes at once (after the formation and the join)");
        GroupEvent removed = r.first(MEMBER_REMOVED, "c1");
        assertEquals(leave + L, removed.timeUs() / Durations.US_PER_MS, "the leave heartbeat arrives one way later");
        long c3Next = C3_GAINED_ACK + 3 * H;                        // the first heartbeat of anyone after the leave
        long c2Next = C2_REVOKED_ACK + 4 * H;
        assertEquals(c3Next + L, times(r, ASSIGNMENT_COMPUTED).get(3), "computed when c3's heartbeat arrives");
        // c3's share comes in that very answer; its loop's wait began when the positions of its gain came.
        assertEquals(nextTurn(C3_GAINED_ACK + 2 * L, answered(c3Next)), times(r, PARTITIONS_ASSIGNED, "c3").get(1));
        // c2's share at its own next heartbeat; its loop turns at C2_REVOKED_ACK + kR.
        assertEquals(nextTurn(C2_REVOKED_ACK, answered(c2Next)), times(r, PARTITIONS_ASSIGNED, "c2").get(1));
    }

    /**
     * The assignment interval: a leave 100 ms after a join's computation is computed neither by
     * a heartbeat within A of it nor by the acknowledgements after it, but by the first heartbeat
     * at or after computation + A, here the joiner's next regular one. The joiner acknowledges
     * its empty join answer at its first poll-loop turn, just after the leave: the coordinator
     * answers that with the partition the leave released that the join's target gave it (as the
     * real client can, its acknowledgement coming 0.1–0.2 s after its join answer).
     */
    @Test
    void aLeaveWithinTheAssignmentIntervalWaitsForTheFirstHeartbeatAfterIt() {
        long join = 21_000;
        long leave = 21_100;
        Runs.Recorded r = run("""
                  - at: 21s
                    start: {group: g, count: 1}
                  - at: 21100ms
                    stop: g/c1
                """);
        long joinComputed = joinAnswer(join) - L;                               // 21.003 s
        long c3Ack = joinAck(join);                                             // 21.102 s, after the leave (21.101 s)
        long c2Heartbeat = C2_GAINED_ACK + 3 * H;                               // 21.502 s: within A of joinComputed
        long c3Released = nextTurn(join + 2 * L, answered(c3Ack));              // 21.202 s: the acknowledgement's answer, a turn on
        long c3Next = c3Released + H;                                           // 26.202 s: the next heartbeat of anyone after 22.003 s
        List<Long> computed = times(r, ASSIGNMENT_COMPUTED);
        assertEquals(joinComputed, computed.get(2));
        assertEquals(c3Next + L, computed.get(3), "not at c2's heartbeat (" + (c2Heartbeat + L) + " < " + (joinComputed + A)
                + ") nor at any acknowledgement: at the first arrival after the interval");
        long c2Started = nextTurn(C2_GAINED_ACK + 2 * L, answered(c2Heartbeat));
        assertEquals(c2Started + R, times(r, PARTITIONS_REVOKED, "c2").get(0),
                "c2 still gives one up for the join's target (the turn after the one that starts the reconciliation)");
        assertEquals(leave + L, r.first(MEMBER_REMOVED, "c1").timeUs() / Durations.US_PER_MS);
        assertEquals(List.of(c3Released, nextTurn(c3Released + 2 * L, answered(c3Next))), times(r, PARTITIONS_ASSIGNED, "c3"),
                "the partition c1 released, in the answer to c3's acknowledgement; the rest of its share at its next heartbeat");
        // c2 acknowledged its revocation at its third turn: its next regular heartbeat brings its share of c1's partitions.
        long c2RevokedAck = c2Started + 2 * R;
        assertEquals(nextTurn(c2RevokedAck, answered(c2RevokedAck + H)), times(r, PARTITIONS_ASSIGNED, "c2").get(1));
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
        long c2Phase = nextTurn(C2_REVOKED_ACK, answered(C2_REVOKED_ACK + 4 * H));         // gained c1's share
        long c3Phase = nextTurn(C3_GAINED_ACK + 2 * L, answered(C3_GAINED_ACK + 3 * H));  // gained its share
        long c2LastHeartbeat = c2Phase + 3 * H;                     // the next, 5 s later, never leaves
        assertEquals(crash, times(r, GroupEventType.PARTITIONS_LOST, "c2").get(0));
        long fenced = c2LastHeartbeat + L + S;                      // the session runs from the heartbeat's arrival
        GroupEvent removed = r.first(MEMBER_REMOVED, "c2");
        assertEquals("session-timeout", removed.reason());
        assertEquals(fenced, removed.timeUs() / Durations.US_PER_MS);
        long c3Next = c3Phase + 6 * H;                              // c3's first heartbeat after the fencing
        assertTrue(c3Next - H < fenced && fenced < c3Next);
        assertEquals(c3Next + L, times(r, ASSIGNMENT_COMPUTED).get(4), "computed by the survivor's heartbeat, not at the fencing");
        // Its loop's wait began when the positions of its last gain came (c3Phase + 2L).
        assertEquals(nextTurn(c3Phase + 2 * L, answered(c3Next)), times(r, PARTITIONS_ASSIGNED, "c3").get(2));
        assertEquals(List.of(2, 3, 4, 5, 6), r.of(REBALANCE_STARTED).stream().map(e -> e.epoch().groupEpoch()).toList(),
                "joins 2, 3, 4; the leave 5; the fencing 6, as the broker numbered them");
    }
}
