package io.kgsim.protocol.consumer;

import static io.kgsim.protocol.consumer.ConsumerMemberHarness.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.engine.Durations;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.testing.Runs;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/**
 * Kafka 4.4's stale-reconciliation race (random seed 31682): a member whose reconciliation is
 * under way when a heartbeat fails re-sends, in its next heartbeat, only the partitions it had
 * reconciled; the coordinator takes that as the revocation of a partition the reconciliation
 * is adding and gives it to another member; the reconciliation then completes and assigns it
 * too. kgsim reproduces it as Kafka's client and coordinator do, and counts it.
 */
class StaleReconciliationTest {

    /**
     * The client's side, step by step as in {@code AbstractMembershipManager} and
     * {@code ConsumerHeartbeatRequestManager}: after the error the heartbeat lists
     * {@code currentAssignment} (without the partition under way), a newer target does not abort
     * the reconciliation, which assigns the partition anyway; the next reconciliation revokes it.
     */
    @Test
    void aHeartbeatErrorDuringAReconciliationResendsOnlyTheReconciledPartitionsAndTheReconciliationStillCompletes() {
        ConsumerMemberHarness h = ConsumerMemberHarness.autoCommit().stable();
        h.host.positions.put(t(0), 5L);
        h.heartbeatDue();
        h.answer(2, t(0), t(1), t(2), t(3));             // the target adds t-3
        h.poll();                                          // the auto-commit before it is out
        h.heartbeatDue();
        assertNull(h.lastHeartbeat().ownedTopicPartitions(), "nothing reconciled since the last list");
        h.answer(Errors.COORDINATOR_LOAD_IN_PROGRESS);     // any error resets the sent fields
        h.run(1_000);                                      // the retry after retry.backoff.ms
        assertEquals(List.of(t(0), t(1), t(2)), h.lastHeartbeat().ownedTopicPartitions(),
                "the full heartbeat lists currentAssignment: t-3 is still being reconciled");
        h.answer(3, t(0), t(1), t(2));                     // the coordinator released t-3 to another member
        assertEquals(ConsumerMemberState.RECONCILING, h.state(), "a newer target does not abort the reconciliation under way");
        h.answerCommit(Errors.NONE);
        h.poll();                                          // onPartitionsAssigned, at the poll after the commit
        assertEquals(List.of(t(0), t(1), t(2), t(3)), h.member.owned(), "the stale reconciliation assigned t-3");
        assertEquals(List.of(t(0), t(1), t(2), t(3)), h.lastHeartbeat().ownedTopicPartitions(), "its acknowledgement lists t-3");
        h.answer(3);
        assertEquals(ConsumerMemberState.RECONCILING, h.state(), "the newer target is reconciled next");
        h.poll();
        h.answerCommit(Errors.NONE);
        h.poll();                                          // onPartitionsRevoked
        assertEquals(List.of(t(0), t(1), t(2)), h.member.owned(), "the next reconciliation revokes t-3");
    }

    /**
     * Range assignor, three members, c2 paused in its handler (its reconciliation waits for the
     * poll): c3 leaves at 20 s, so c2's target adds t-1 (c1 gives it up); c2 is cut off from 40 s
     * to 60 s and resumes at 51 s, so the auto-commit that precedes its reconciliation goes into
     * the cut and times out at 81 s (request.timeout.ms 30 s). c3 rejoins at 52 s: the target
     * moves t-1 back to c1. c2's heartbeat sent into the cut (40.406 s) times out at 70.406 s; the
     * next one lists only t-0, its reconciled assignment, and the coordinator releases t-1 to c1
     * (71.316 s: c1's next heartbeat answer at 71.114 s, then its reconciliation's two steps, a turn
     * apart; c1's heartbeats fall 0.1 s later than with instant coordinator writes, the 2 ms
     * write behind an earlier answer having moved its acknowledgement to the next poll). The stale
     * member assigns t-1 at its poll after the commit's timeout (81.05 s; it has records, 50 ms
     * apart) and its next reconciliation revokes it two polls later.
     */
    private static String scenario(boolean cut) {
        return """
                name: stale-reconciliation
                seed: 7
                duration: 150s
                network:
                  latency: fixed(1ms)
                topics:
                  - name: t
                    partitions: 3
                    produce:
                      rate: 300/s
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 3
                    processing:
                      per.record: fixed(100us)
                    config:
                      group.protocol: consumer
                      group.remote.assignor: range
                      auto.offset.reset: earliest
                      enable.auto.commit: true
                      max.poll.interval.ms: 60000
                timeline:
                  - at: 19s
                    pause: {member: g/c2, for: 32s, kind: handler}
                  - at: 20s
                    stop: g/c3
                %s  - at: 52s
                    start: g/c3
                """.formatted(cut ? "  - at: 40s\n    cut-network: {member: g/c2, for: 20s}\n" : "");
    }

    private static final TopicPartition T1 = new TopicPartition("t", 1);

    @Test
    void aNetworkCutDuringAReconciliationGivesAPartitionTwoOwnersUntilTheNextReconciliationCountedNotFailed() {
        Runs.Recorded r = Runs.run(scenario(true));   // strict: any other second owner would throw
        assertEquals(0, r.result().invariantViolations());
        GroupEvent error = r.first(GroupEventType.HEARTBEAT_ERROR, "c2");
        assertEquals(Durations.ms(70_406), error.timeUs(), "the heartbeat sent into the cut (40.406 s) times out");
        assertEquals(List.of(new TopicPartition("t", 0)), after(r, GroupEventType.ASSIGNMENT_RECEIVED, "c2", error.timeUs()).partitions(),
                "the answer to the next heartbeat: t-1 no longer c2's");
        GroupEvent toC1 = after(r, GroupEventType.PARTITIONS_ASSIGNED, "c1", error.timeUs());
        GroupEvent stale = after(r, GroupEventType.PARTITIONS_ASSIGNED, "c2", error.timeUs());
        GroupEvent revoked = after(r, GroupEventType.PARTITIONS_REVOKED, "c2", stale.timeUs());
        assertEquals(List.of(T1), toC1.partitions());
        assertEquals(Durations.ms(71_316), toC1.timeUs());
        assertEquals(List.of(T1), stale.partitions());
        assertEquals(Durations.ms(81_050), stale.timeUs(), "at the poll after the auto-commit before the reconciliation timed out (81 s)");
        assertEquals(List.of(T1), revoked.partitions());
        assertEquals("reconciliation", revoked.reason());
        assertEquals(Durations.ms(81_150), revoked.timeUs());
        assertEquals(1, r.result().staleReconciliations());
        assertEquals(revoked.timeUs() - stale.timeUs(), r.result().staleReconciliationUs(), "the window: c2's assignment to its revocation");
        List<String> described = r.result().warnings().stream().filter(w -> w.contains("stale reconciliation")).toList();
        assertEquals(1, described.size(), r.result().warnings().toString());
        assertTrue(described.get(0).startsWith("at t=81.050s group g: c2 and c1 both owned t-1 for 100 ms, a stale reconciliation"),
                described.get(0));
        assertTrue(described.get(0).contains("heartbeat error at t=70.406s"), described.get(0));
    }

    @Test
    void withoutTheHeartbeatErrorTheSameReconciliationLeavesOneOwner() {
        Runs.Recorded r = Runs.run(scenario(false));
        assertEquals(0, r.result().invariantViolations());
        assertEquals(0, r.result().staleReconciliations());
        assertEquals(0, r.result().staleReconciliationUs());
        assertTrue(r.of(GroupEventType.HEARTBEAT_ERROR).isEmpty());
    }

    /** The first {@code type} event of {@code member} after {@code fromUs}. */
    private static GroupEvent after(Runs.Recorded r, GroupEventType type, String member, long fromUs) {
        return r.filter(e -> e.type() == type && member.equals(e.member()) && e.timeUs() > fromUs).get(0);
    }
}
