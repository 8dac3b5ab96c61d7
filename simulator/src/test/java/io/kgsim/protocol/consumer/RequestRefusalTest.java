package io.kgsim.protocol.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** Heartbeats the coordinator refuses, and that a refusal changes nothing. */
class RequestRefusalTest {

    @Test
    void theGroupRefusesMembersBeyondItsMaxSizeButNotAReturningStaticMember() {
        CoordinatorHarness h = new CoordinatorHarness(Map.of("t", 6),
                CoordinatorHarness.config(45_000, 5000, 1000, 2, List.of("uniform", "range")));
        h.staticClient("c1").join();
        h.client("c2").join();
        int epoch = h.groupEpoch();
        assertEquals(Errors.GROUP_MAX_SIZE_REACHED, h.client("c3").join().error());
        assertEquals(epoch, h.groupEpoch(), "a refused join bumps nothing");
        h.client("c1").leave(ConsumerGroupHeartbeatRequest.LEAVE_GROUP_STATIC_MEMBER_EPOCH);
        assertEquals(Errors.NONE, h.client("c1").restart().join().error());
    }

    @Test
    void epochsTheCoordinatorDidNotGiveAreFenced() {
        CoordinatorHarness h = new CoordinatorHarness(6);
        var c1 = h.client("c1");
        c1.join();
        var r = c1.send(new ConsumerGroupHeartbeatRequest(CoordinatorHarness.GROUP, "c1", c1.memberId, 7, null, null, -1, null, null, null));
        assertEquals(Errors.FENCED_MEMBER_EPOCH, r.error());
        var unknown = h.client("c9");
        var u = unknown.send(new ConsumerGroupHeartbeatRequest(CoordinatorHarness.GROUP, "c9", unknown.memberId, 1, null, null, -1, null, null, null));
        assertEquals(Errors.UNKNOWN_MEMBER_ID, u.error());
    }

    @Test
    void thePreviousEpochIsToleratedOnlyWithOwnedPartitionsStillAssigned() {
        CoordinatorHarness h = new CoordinatorHarness(6);
        var c1 = h.client("c1");
        c1.join();
        h.at(5000);
        h.client("c2").join();
        c1.heartbeat();
        c1.ack();                                              // epoch 3, previous 2
        var lostResponse = new ConsumerGroupHeartbeatRequest(CoordinatorHarness.GROUP, "c1", c1.memberId, 2, null, null, -1, null, null, c1.assignment);
        assertEquals(Errors.NONE, c1.send(lostResponse).error());
        var noOwned = new ConsumerGroupHeartbeatRequest(CoordinatorHarness.GROUP, "c1", c1.memberId, 2, null, null, -1, null, null, null);
        assertEquals(Errors.FENCED_MEMBER_EPOCH, c1.send(noOwned).error());
    }

    @Test
    void malformedJoinsAndUnknownAssignorsAreRefusedBeforeTheGroup() {
        CoordinatorHarness h = new CoordinatorHarness(6);
        var c1 = h.client("c1");
        var noTimeout = new ConsumerGroupHeartbeatRequest(CoordinatorHarness.GROUP, "c1", c1.memberId, 0, null, null, -1, List.of("t"), null, List.of());
        assertEquals(Errors.INVALID_REQUEST, c1.send(noTimeout).error());
        var noId = new ConsumerGroupHeartbeatRequest(CoordinatorHarness.GROUP, "c1", "", 0, null, null, 300_000, List.of("t"), null, List.of());
        assertEquals(Errors.INVALID_REQUEST, c1.send(noId).error());
        c1.serverAssignor = "sticky";
        assertEquals(Errors.UNSUPPORTED_ASSIGNOR, c1.join().error());
        assertEquals(ConsumerGroupState.EMPTY, h.state());
    }
}
