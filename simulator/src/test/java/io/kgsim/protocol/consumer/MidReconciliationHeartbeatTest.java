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
 * A heartbeat that leaves between a reconciliation's {@code onPartitionsRevoked} and its
 * {@code onPartitionsAssigned} lists the client's {@code currentAssignment}, which Kafka 4.4's
 * {@code AbstractMembershipManager.revokeAndAssign} moves only once both callbacks completed,
 * not what the member holds midway (the revoked partitions gone, the added ones not yet there).
 * Read as owned partitions, the midway set tells the coordinator's
 * {@code CurrentAssignmentBuilder} that a partition the reconciliation is about to add was
 * already given up; the coordinator hands it to its new owner and the reconciliation then
 * assigns it too (found by the sweep: rolling-deploy-50, consumer-uniform, seed 9, orders-130).
 */
class MidReconciliationHeartbeatTest {

    /** The client's side: the heartbeat between the two callbacks does not list the midway set. */
    @Test
    void aHeartbeatBetweenTheRevocationAndTheAssignmentListsTheLastReconciledAssignment() {
        ConsumerMemberHarness h = ConsumerMemberHarness.autoCommit().stable();   // owns t-0, t-1, t-2
        h.host.positions.put(t(0), 5L);
        h.heartbeatDue();
        h.answer(2, t(0), t(1), t(3));                     // revokes t-2, adds t-3
        h.poll();                                          // the auto-commit before the revocation
        h.answerCommit(Errors.NONE);
        h.poll();                                          // onPartitionsRevoked
        assertEquals(List.of(t(0), t(1)), h.member.owned(), "t-2 revoked, t-3 not assigned yet");
        assertEquals(ConsumerMemberState.RECONCILING, h.state());
        h.heartbeatDue();
        assertNull(h.lastHeartbeat().ownedTopicPartitions(), "currentAssignment has not changed since it was last listed");
        h.answer(Errors.COORDINATOR_LOAD_IN_PROGRESS);     // an error makes the next heartbeat carry every field
        h.run(1_000);
        assertEquals(List.of(t(0), t(1), t(2)), h.lastHeartbeat().ownedTopicPartitions(),
                "the full heartbeat lists currentAssignment, t-2 included: the revocation is acknowledged with the reconciliation");
        h.answer(2);
        h.poll();                                          // onPartitionsAssigned: the reconciliation completes
        assertEquals(List.of(t(0), t(1), t(3)), h.lastHeartbeat().ownedTopicPartitions(), "the acknowledgement lists the new assignment");
        assertEquals(ConsumerMemberState.STABLE, h.state());
    }

    /**
     * Range assignor; c2 (id c) also reads topic u alone, so it stays busy (10 s batches, one
     * reconciliation step per batch), and its handler is paused from 50 s to 90 s so that three
     * targets reach it before it reconciles: c1 (id a) leaves at 58.6 s and c2's target adds t-0
     * (60.41 s); c4 (id e) joins at 70 s and c2's target drops t-1 (70.41 s: c2 keeps t-0 and
     * must revoke t-1); c5 (id b) joins at 80 s and the group's target moves t-0 to c5. c2's
     * reconciliation commits, revokes t-1 at 115.408 s and assigns t-0 a batch later, 125.408 s;
     * its heartbeats in between list nothing new, so the coordinator waits. Listing the midway
     * set ([u-0]) released t-0 to c5 (120.2 s) while c2 was about to assign it (125.4 s).
     */
    private static final String SCENARIO = """
            name: mid-reconciliation-heartbeat
            seed: 7
            duration: 200s
            network:
              latency: fixed(1ms)
            topics:
              - name: t
                partitions: 3
                produce:
                  rate: 300/s
              - name: u
                partitions: 1
                produce:
                  rate: 100/s
            groups:
              - group.id: g
                subscription: [t]
                consumers: 3
                members:
                  - {name: c1, member.id: a}
                  - {name: c2, member.id: c, subscription: [t, u]}
                  - {name: c3, member.id: d}
                  - {name: c4, member.id: e}
                  - {name: c5, member.id: b}
                processing:
                  per.record: fixed(20ms)
                config:
                  group.protocol: consumer
                  group.remote.assignor: range
                  auto.offset.reset: earliest
            timeline:
              - at: 50s
                pause: {member: g/c2, for: 40s, kind: handler}
              - at: 52s
                stop: g/c1
              - at: 70s
                start: {group: g, count: 1}
              - at: 80s
                start: {group: g, count: 1}
            """;

    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T1 = new TopicPartition("t", 1);
    private static final TopicPartition U0 = new TopicPartition("u", 0);

    @Test
    void aPartitionTheReconciliationIsAddingIsNotReleasedByAHeartbeatBetweenItsCallbacks() {
        Runs.Recorded r = Runs.run(SCENARIO);   // strict: a second owner throws
        assertEquals(0, r.result().invariantViolations());
        assertEquals(0, r.result().staleReconciliations());
        GroupEvent revokedT1 = r.first(GroupEventType.PARTITIONS_REVOKED, "c2");
        assertEquals(List.of(T1), revokedT1.partitions());
        assertEquals(Durations.ms(115_408), revokedT1.timeUs());
        GroupEvent assignedT0 = after(r, GroupEventType.PARTITIONS_ASSIGNED, "c2", revokedT1.timeUs());
        assertEquals(List.of(T0), assignedT0.partitions());
        assertEquals(Durations.ms(125_408), assignedT0.timeUs(), "onPartitionsAssigned a batch after onPartitionsRevoked");
        GroupEvent answer = after(r, GroupEventType.ASSIGNMENT_RECEIVED, "c2", revokedT1.timeUs());
        assertTrue(answer.timeUs() > assignedT0.timeUs(), "the coordinator moves c2 on only at its acknowledgement");
        assertEquals(List.of(U0), answer.partitions(), "and then asks it to revoke t-0, the target having moved it to c5");
        GroupEvent revokedT0 = after(r, GroupEventType.PARTITIONS_REVOKED, "c2", assignedT0.timeUs());
        assertEquals(List.of(T0), revokedT0.partitions());
        GroupEvent toC5 = r.filter(e -> e.type() == GroupEventType.PARTITIONS_ASSIGNED && "c5".equals(e.member())).get(0);
        assertEquals(List.of(T0), toC5.partitions());
        assertTrue(toC5.timeUs() > revokedT0.timeUs(), "c5 gets t-0 only once c2 revoked it");
    }

    /** The first {@code type} event of {@code member} after {@code fromUs}. */
    private static GroupEvent after(Runs.Recorded r, GroupEventType type, String member, long fromUs) {
        return r.filter(e -> e.type() == type && member.equals(e.member()) && e.timeUs() > fromUs).get(0);
    }
}
