package io.kgsim.protocol.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** OffsetCommit under KIP-1251's assignment epochs, and OffsetFetch's exact epoch. */
class OffsetValidationTest {

    /**
     * c1 holds t-0..t-2 since epoch 2 (a new group is at epoch 1); c2 joined at epoch 3, so after c1
     * acknowledged, c1 is at epoch 3 with its kept partitions still assigned at epoch 2, and c2
     * holds t-3..t-5 at epoch 3.
     */
    private static CoordinatorHarness moved() {
        CoordinatorHarness h = new CoordinatorHarness(6);
        h.client("c1").join();
        h.at(5000);
        h.client("c2").join();
        h.client("c1").heartbeat();
        h.client("c1").ack();
        h.client("c2").heartbeat();
        assertEquals(3, h.client("c1").epoch);
        assertEquals(Map.of(h.tp("t", 0), 2, h.tp("t", 1), 2, h.tp("t", 2), 2), h.client("c1").onCoordinator().assigned());
        return h;
    }

    @Test
    void theMembersOwnEpochCommitsAndTheCommitIsAnnouncedWithItsSendTime() {
        CoordinatorHarness h = moved();
        h.at(7000);
        assertEquals(Errors.NONE, h.client("c2").commit(3, Map.of(h.tp("t", 3), 10L)));
        assertEquals(10L, h.coordinator.offsets(CoordinatorHarness.GROUP).committed(h.tp("t", 3)));
        GroupEvent e = h.events(GroupEventType.OFFSETS_COMMITTED).get(0);
        assertEquals("c2", e.member());
        assertEquals(7_000_000L, e.sentUs());
        assertEquals(3, e.epoch().memberEpoch());
    }

    @Test
    void anOlderEpochCommitsForPartitionsHeldSinceThen() {
        CoordinatorHarness h = moved();
        assertEquals(Errors.NONE, h.client("c1").commit(2, Map.of(h.tp("t", 0), 5L, h.tp("t", 2), 6L)));
    }

    @Test
    void anOlderEpochForAPartitionAssignedLaterFailsTheWholeCommit() {
        CoordinatorHarness h = moved();
        var c2 = h.client("c2");
        // c2 at epoch 3 sends epoch 2 (older): t-3 was assigned to it at epoch 3.
        assertEquals(Errors.STALE_MEMBER_EPOCH, c2.commit(2, Map.of(h.tp("t", 3), 7L)));
        // c1 at epoch 3 sends epoch 2 for t-0 (fine) and t-3 (not its): nothing is committed.
        assertEquals(Errors.STALE_MEMBER_EPOCH, h.client("c1").commit(2, Map.of(h.tp("t", 0), 5L, h.tp("t", 3), 7L)));
        assertEquals(-1L, h.coordinator.offsets(CoordinatorHarness.GROUP).committed(h.tp("t", 0)));
        assertEquals(List.of(), h.events(GroupEventType.OFFSETS_COMMITTED));
    }

    @Test
    void aNewerEpochIsStaleAndAnUnknownMemberIsRefused() {
        CoordinatorHarness h = moved();
        assertEquals(Errors.STALE_MEMBER_EPOCH, h.client("c1").commit(4, Map.of(h.tp("t", 0), 5L)));
        var ghost = h.client("ghost");
        assertEquals(Errors.UNKNOWN_MEMBER_ID, ghost.commit(3, Map.of(h.tp("t", 0), 5L)));
    }

    @Test
    void aRevokingMemberMayStillCommitThePartitionsItIsGivingUp() {
        CoordinatorHarness h = moved();
        h.at(10_000);
        h.client("c3").join();
        var c1 = h.client("c1");
        c1.heartbeat();
        TopicPartition revoking = c1.onCoordinator().pendingRevocation().firstKey();
        assertEquals(Errors.NONE, c1.commit(c1.epoch, Map.of(revoking, 42L)));
    }

    @Test
    void offsetFetchWantsTheExactEpoch() {
        CoordinatorHarness h = moved();
        h.client("c1").commit(3, Map.of(h.tp("t", 1), 9L));
        OffsetFetchResponse[] out = new OffsetFetchResponse[1];
        var c1 = h.client("c1");
        h.coordinator.handleOffsetFetch(new OffsetFetchRequest(CoordinatorHarness.GROUP, c1.memberId, 3, List.of(h.tp("t", 1), h.tp("t", 2))),
                r -> out[0] = r);
        assertEquals(Errors.NONE, out[0].error());
        assertEquals(Map.of(h.tp("t", 1), 9L, h.tp("t", 2), -1L), out[0].offsets());
        h.coordinator.handleOffsetFetch(new OffsetFetchRequest(CoordinatorHarness.GROUP, c1.memberId, 2, List.of(h.tp("t", 1))), r -> out[0] = r);
        assertEquals(Errors.STALE_MEMBER_EPOCH, out[0].error());
        assertNull(out[0].offsets());
        h.coordinator.handleOffsetFetch(new OffsetFetchRequest(CoordinatorHarness.GROUP, "nobody", 3, List.of(h.tp("t", 1))), r -> out[0] = r);
        assertEquals(Errors.UNKNOWN_MEMBER_ID, out[0].error());
    }
}
