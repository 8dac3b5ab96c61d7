package io.kgsim.protocol.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.protocol.GroupEventType;
import java.util.List;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** Static members (group.instance.id): -2 leaves, replacement, and the instance id a crashed member still holds. */
class StaticMembershipTest {

    /** Static c1 and c2 stable at epoch 2; every heartbeat at t=5 s. */
    private static CoordinatorHarness twoStaticMembers() {
        CoordinatorHarness h = new CoordinatorHarness(6);
        h.staticClient("c1").join();
        h.at(5000);
        h.staticClient("c2").join();
        h.client("c1").heartbeat();
        h.client("c1").ack();
        h.client("c2").heartbeat();
        assertEquals(ConsumerGroupState.STABLE, h.state());
        return h;
    }

    @Test
    void aStaticMemberBackWithinTheSessionTimeoutAfterLeavingWithMinusTwoGetsItsPartitionsBackWithNoEpochBump() {
        CoordinatorHarness h = twoStaticMembers();
        var c1 = h.client("c1");
        List<org.apache.kafka.common.TopicPartition> owned = c1.assignment;
        int bumps = h.events(GroupEventType.REBALANCE_STARTED).size();
        h.at(6000);
        var left = c1.leave(ConsumerGroupHeartbeatRequest.LEAVE_GROUP_STATIC_MEMBER_EPOCH);
        assertEquals(-2, left.memberEpoch());
        assertEquals(ConsumerGroupState.RECONCILING, h.state(), "the member at -2 is not reconciled");
        h.at(8000);
        assertNull(h.client("c2").heartbeat().assignment(), "nobody else is told anything");
        assertEquals(3, h.client("c2").onCoordinator().assigned().size(), "c1's partitions stay held");

        h.at(30_000);                                   // within 45 s of c1's last heartbeat (5 s)
        var back = c1.restart().join();
        assertEquals(Errors.NONE, back.error());
        assertEquals(3, back.memberEpoch());
        assertEquals(owned, back.assignment(), "the same partitions, in one round trip");
        assertEquals(bumps, h.events(GroupEventType.REBALANCE_STARTED).size(), "no epoch bump");
        assertEquals("static-rejoin", h.events(GroupEventType.MEMBER_REPLACED).get(0).reason());
        assertEquals(ConsumerGroupState.STABLE, h.state());
        assertFalse(h.coordinator.hasMember(CoordinatorHarness.GROUP, "member-c1-0"));
    }

    @Test
    void aStaticMemberThatLeftWithMinusTwoIsFencedAtItsLastHeartbeatPlusTheSessionTimeout() {
        CoordinatorHarness h = twoStaticMembers();
        h.at(20_000);
        h.client("c1").leave(ConsumerGroupHeartbeatRequest.LEAVE_GROUP_STATIC_MEMBER_EPOCH);   // last regular heartbeat: 5 s
        h.at(49_999);
        h.client("c2").heartbeat();
        assertTrue(h.events(GroupEventType.MEMBER_REMOVED).isEmpty());
        h.at(50_001);
        assertEquals(1, h.events(GroupEventType.MEMBER_REMOVED).size());
        assertEquals(50_000_000L, h.events(GroupEventType.MEMBER_REMOVED).get(0).timeUs());
        assertEquals("session-timeout", h.events(GroupEventType.MEMBER_REMOVED).get(0).reason());
    }

    @Test
    void aRestartAfterAStaticCrashIsRefusedWithUnreleasedInstanceIdUntilTheOldSessionExpires() {
        CoordinatorHarness h = twoStaticMembers();
        var c1 = h.client("c1");
        // c1 crashes after its heartbeat at 5 s: no leave. Its new process comes back at 10 s.
        h.at(10_000);
        var refused = c1.restart().join();
        assertEquals(Errors.UNRELEASED_INSTANCE_ID, refused.error());
        h.at(20_000);
        h.client("c2").heartbeat();
        assertEquals(Errors.UNRELEASED_INSTANCE_ID, c1.join().error(), "still held until 5 s + 45 s");
        int epoch = h.groupEpoch();
        h.at(50_001);
        assertEquals("session-timeout", h.events(GroupEventType.MEMBER_REMOVED).get(0).reason());
        assertEquals(epoch + 1, h.groupEpoch(), "the fence bumps");
        var joined = c1.join();
        assertEquals(Errors.NONE, joined.error());
        assertEquals(epoch + 2, h.groupEpoch(), "and the new member bumps again");
    }

    @Test
    void aStaticMemberLeavingWithMinusTwoReleasesWhatItWasRevokingAtOnce() {
        CoordinatorHarness h = twoStaticMembers();
        h.at(10_000);
        h.client("c3").join();
        var c1 = h.client("c1");
        c1.heartbeat();
        assertEquals(ConsumerGroupMemberState.UNREVOKED_PARTITIONS, c1.onCoordinator().state());
        var revoking = c1.onCoordinator().pendingRevocation().firstKey();
        c1.leave(ConsumerGroupHeartbeatRequest.LEAVE_GROUP_STATIC_MEMBER_EPOCH);
        assertEquals(-2, c1.onCoordinator().memberEpoch());
        assertEquals(List.of(), List.copyOf(c1.onCoordinator().pendingRevocation().keySet()));
        assertTrue(h.client("c3").heartbeat().assignment().contains(revoking), "no acknowledgement needed from a member that left");
    }

    @Test
    void aHeartbeatWithAnotherMemberIdForAHeldInstanceIdIsFenced() {
        CoordinatorHarness h = twoStaticMembers();
        var c1 = h.client("c1");
        int epoch = c1.epoch;
        c1.memberId = "someone-else";
        var r = c1.send(new ConsumerGroupHeartbeatRequest(CoordinatorHarness.GROUP, "c1", "someone-else", epoch, "c1", null, -1, null, null, null));
        assertEquals(Errors.FENCED_INSTANCE_ID, r.error());
    }
}
