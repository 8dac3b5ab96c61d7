package io.kgsim.protocol.consumer;

import static io.kgsim.protocol.consumer.ConsumerMemberHarness.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client's {@code LocalAssignment}: the owned partitions a heartbeat carries are
 * {@code currentAssignment}, re-sent whenever it changed, its local epoch included
 * ({@code HeartbeatState.buildRequestData} compares the whole {@code LocalAssignment}), and a
 * target whose partitions are those already reconciled only bumps that epoch and is acknowledged
 * at once, without a commit or a poll ({@code AbstractMembershipManager.maybeReconcile}, which
 * the background thread runs on every loop).
 */
class LocalAssignmentEpochTest {

    /**
     * c1 owns t-0..t-2; a target adding t-3 arrives while the application is busy, then one without
     * it again (the coordinator moved t-3 on before c1 polled). The coordinator may have
     * set t-3 aside as pending revocation: only a heartbeat listing the owned partitions tells it
     * t-3 is not owned, so the acknowledgement must list them even though they did not change.
     */
    @Test
    void aTargetEqualToTheReconciledPartitionsIsAcknowledgedAtOnceListingThem() {
        ConsumerMemberHarness h = ConsumerMemberHarness.autoCommit().stable();
        h.host.positions.put(t(0), 5L);
        h.heartbeatDue();
        h.answer(2, t(0), t(1), t(2), t(3));
        assertEquals(ConsumerMemberState.RECONCILING, h.state(), "adding t-3 waits for the application's poll");
        h.heartbeatDue();
        assertNull(h.lastHeartbeat().ownedTopicPartitions());
        h.mark();
        h.answer(2, t(0), t(1), t(2));
        assertEquals(List.of("ConsumerGroupHeartbeat"), h.requestsSinceMark(), "acknowledged at once: no poll, no commit");
        assertEquals(List.of(t(0), t(1), t(2)), h.lastHeartbeat().ownedTopicPartitions(), "a new local epoch lists them again");
        h.answer(2);
        assertEquals(ConsumerMemberState.STABLE, h.state());
        assertEquals(List.of(t(0), t(1), t(2)), h.member.owned());
        h.heartbeatDue();
        assertNull(h.lastHeartbeat().ownedTopicPartitions(), "unchanged since the last list");
    }
}
