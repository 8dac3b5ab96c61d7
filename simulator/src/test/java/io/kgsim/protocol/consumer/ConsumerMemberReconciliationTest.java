package io.kgsim.protocol.consumer;

import static io.kgsim.protocol.GroupEventType.COMMIT_FAILED;
import static io.kgsim.protocol.GroupEventType.PARTITIONS_ASSIGNED;
import static io.kgsim.protocol.GroupEventType.PARTITIONS_REVOKED;
import static io.kgsim.protocol.consumer.ConsumerMemberHarness.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.engine.Durations;
import java.util.List;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation and heartbeat content, step by step against a scripted coordinator: what the
 * Java client's {@code AbstractMembershipManager.maybeReconcile} and {@code HeartbeatState}
 * do, in their order.
 */
class ConsumerMemberReconciliationTest {

    @Test
    void aRevocationStopsFetchingAtThePollCommitsFirstThenRevokesThenAcknowledgesWithTheNewOwnedSet() {
        ConsumerMemberHarness h = ConsumerMemberHarness.autoCommit().stable();
        h.host.positions.put(t(0), 10L);
        h.host.positions.put(t(1), 20L);
        h.heartbeatDue();
        h.mark();
        h.answer(1, t(0));
        assertEquals(ConsumerMemberState.RECONCILING, h.state());
        assertTrue(h.member.mayFetch(t(1)), "nothing changes before the application polls");
        h.member.poll();
        assertFalse(h.member.mayFetch(t(1)), "revoked partitions stop being fetched at once");
        assertTrue(h.member.mayFetch(t(0)));
        h.settle();
        OffsetCommitRequest commit = (OffsetCommitRequest) h.coordinator.requests.get(h.coordinator.requests.size() - 1);
        assertEquals(h.member.memberId(), commit.memberId());
        assertEquals(1, commit.memberEpoch());
        assertEquals(2, commit.offsets().size(), "all consumed positions, not only the revoked ones");
        assertEquals(List.of(), h.eventsOf(PARTITIONS_REVOKED), "the revocation waits for the commit");
        h.answerCommit(Errors.NONE);
        assertEquals(List.of(), h.eventsOf(PARTITIONS_REVOKED), "onPartitionsRevoked waits for the next poll()");
        h.poll();
        assertEquals(List.of(t(1), t(2)), h.eventsOf(PARTITIONS_REVOKED).get(0).partitions());
        assertEquals(ConsumerMemberState.RECONCILING, h.state(), "onPartitionsAssigned waits for the poll() after");
        h.poll();
        ConsumerGroupHeartbeatRequest ack = h.lastHeartbeat();
        assertEquals(List.of(t(0)), ack.ownedTopicPartitions(), "only a heartbeat with the owned set acknowledges");
        assertEquals(1, ack.memberEpoch());
        assertEquals(ConsumerMemberState.STABLE, h.state());
    }

    @Test
    void newPartitionsAreAssignedAtThePollAndAcknowledged() {
        ConsumerMemberHarness h = ConsumerMemberHarness.dynamic().stable();
        h.heartbeatDue();
        h.answer(2, t(0), t(1), t(2), t(3));
        h.mark();
        h.poll();
        assertEquals(List.of(t(3)), h.eventsOf(PARTITIONS_ASSIGNED).get(0).partitions());
        assertEquals(List.of(t(0), t(1), t(2), t(3)), h.lastHeartbeat().ownedTopicPartitions());
        assertEquals(2, h.lastHeartbeat().memberEpoch());
    }

    @Test
    void aRegularHeartbeatCarriesNoOwnedSetWhenNothingChangedAndTheIntervalRunsFromEachSend() {
        ConsumerMemberHarness h = ConsumerMemberHarness.dynamic().stable();
        long ackSentUs = h.sim.now() - Durations.ms(5);
        h.mark();
        h.run(ConsumerMemberHarness.HEARTBEAT_MS - 10);
        assertEquals(List.of(), h.heartbeatsSinceMark(), "the interval counts from the acknowledgement");
        h.run(20);
        ConsumerGroupHeartbeatRequest regular = h.lastHeartbeat();
        assertEquals(1, h.heartbeatsSinceMark().size());
        assertNull(regular.ownedTopicPartitions(), "unchanged since the last send");
        assertNull(regular.subscribedTopicNames());
        assertEquals(-1, regular.rebalanceTimeoutMs());
        assertTrue(h.sim.now() - ackSentUs >= Durations.ms(ConsumerMemberHarness.HEARTBEAT_MS));
    }

    @Test
    void theFirstHeartbeatIntervalIsZeroThenTheBrokers() {
        ConsumerMemberHarness h = ConsumerMemberHarness.dynamic().joining();
        assertEquals(0, h.member.membership().heartbeatIntervalMs());
        h.answer(1, t(0));
        assertEquals(ConsumerMemberHarness.HEARTBEAT_MS, h.member.membership().heartbeatIntervalMs());
    }

    @Test
    void anEmptyAssignmentForAJoinerIsReconciledAndAcknowledgedAtThePoll() {
        ConsumerMemberHarness h = ConsumerMemberHarness.dynamic().joining();
        h.answerEmpty(4);
        assertEquals(ConsumerMemberState.RECONCILING, h.state());
        h.mark();
        h.poll();
        assertEquals(1, h.heartbeatsSinceMark().size(), "the acknowledgement goes out at once");
        assertEquals(4, h.lastHeartbeat().memberEpoch());
        assertEquals(ConsumerMemberState.STABLE, h.state());
    }

    @Test
    void aNewerTargetDuringTheCommitIsReconciledInTheNextRound() {
        ConsumerMemberHarness h = ConsumerMemberHarness.autoCommit().stable();
        h.host.positions.put(t(0), 5L);
        h.heartbeatDue();
        h.answer(1, t(0), t(1));
        h.poll();                             // the commit before revoking t-2 is out
        h.heartbeatDue();
        h.answer(2, t(0));                    // a newer target meanwhile
        h.answerCommit(Errors.NONE);
        h.poll();                             // onPartitionsRevoked
        h.poll();                             // onPartitionsAssigned
        assertEquals(List.of(t(0), t(1)), h.member.owned(), "the first round ends with its own target");
        assertEquals(ConsumerMemberState.RECONCILING, h.state(), "a newer target waits for the next poll");
        h.poll();
        // Answer every commit waiting (the second round's is the newest), as the broker would.
        while (!h.coordinator.commits.isEmpty()) {
            h.answerCommit(Errors.NONE);
        }
        h.poll();
        h.poll();
        assertEquals(List.of(t(0)), h.member.owned());
        assertEquals(ConsumerMemberState.ACKNOWLEDGING, h.state(), "the first round's acknowledgement is still in flight");
        h.answer(2);
        assertEquals(ConsumerMemberState.STABLE, h.state());
        assertEquals(List.of(t(0)), h.lastHeartbeat().ownedTopicPartitions());
    }

    @Test
    void aCommitWithoutAMemberEpochFailsAtOnce() {
        ConsumerMemberHarness h = ConsumerMemberHarness.dynamic().joining();
        h.mark();
        Errors[] answer = new Errors[1];
        java.util.SortedMap<org.apache.kafka.common.TopicPartition, Long> offsets = new java.util.TreeMap<>(io.kgsim.cluster.Partitions.ORDER);
        offsets.put(t(0), 1L);
        h.member.commitOffsets(offsets, e -> answer[0] = e);
        assertEquals(Errors.UNKNOWN_MEMBER_ID, answer[0]);
        assertEquals(List.of(COMMIT_FAILED), h.eventsSinceMark());
        assertEquals(List.of(), h.requestsSinceMark());
    }

    @Test
    void anOffsetFetchCarriesTheEpochAndIsRetriedWhenStale() {
        ConsumerMemberHarness h = ConsumerMemberHarness.dynamic().stable();
        java.util.Map<?, ?>[] got = new java.util.Map<?, ?>[1];
        h.member.fetchCommitted(List.of(t(0)), m -> got[0] = m);
        h.settle();
        OffsetFetchRequest first = (OffsetFetchRequest) h.coordinator.requests.get(h.coordinator.requests.size() - 1);
        assertEquals(1, first.memberEpoch());
        assertEquals(h.member.memberId(), first.memberId());
        h.coordinator.take(h.coordinator.fetches).accept(OffsetFetchResponse.error(Errors.STALE_MEMBER_EPOCH));
        h.run(200);
        assertNull(got[0], "retried, not given up");
        h.coordinator.take(h.coordinator.fetches).accept(new OffsetFetchResponse(Errors.NONE, java.util.Map.of(t(0), 7L)));
        h.settle();
        assertEquals(java.util.Map.of(t(0), 7L), got[0]);
    }
}
