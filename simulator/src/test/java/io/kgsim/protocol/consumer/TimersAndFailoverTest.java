package io.kgsim.protocol.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import java.util.List;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** Session and revocation timers, what re-arms them, and a coordinator failover. */
class TimersAndFailoverTest {

    private static CoordinatorHarness twoStableMembers() {
        CoordinatorHarness h = new CoordinatorHarness(6);
        h.client("c1").join();
        h.at(5000);
        h.client("c2").join();
        h.client("c1").heartbeat();
        h.client("c1").ack();
        h.client("c2").heartbeat();
        assertEquals(ConsumerGroupState.STABLE, h.state());
        return h;
    }

    private static GroupEvent removed(CoordinatorHarness h) {
        List<GroupEvent> r = h.events(GroupEventType.MEMBER_REMOVED);
        assertEquals(1, r.size(), "one member removed");
        return r.get(0);
    }

    @Test
    void aSilentMemberIsFencedItsSessionTimeoutAfterItsLastHeartbeatAndTheEpochBumps() {
        CoordinatorHarness h = twoStableMembers();
        for (long t = 10_000; t <= 60_000; t += 5000) {
            h.at(t);
            h.client("c1").heartbeat();
        }
        GroupEvent e = removed(h);
        assertEquals("c2", e.member());
        assertEquals("session-timeout", e.reason());
        assertEquals(50_000_000L, e.timeUs(), "c2's last heartbeat was at 5 s");
        assertEquals(4, h.groupEpoch());
        assertEquals(4, h.coordinator.assignmentEpoch(CoordinatorHarness.GROUP), "c1's next heartbeat computed the target");
        assertEquals(6, h.client("c1").assignment.size());
        assertEquals(Errors.UNKNOWN_MEMBER_ID, h.client("c2").heartbeat().error());
    }

    @Test
    void refusedHeartbeatsDoNotKeepTheSessionAlive() {
        CoordinatorHarness h = twoStableMembers();
        var c2 = h.client("c2");
        for (long t = 10_000; t <= 45_000; t += 5000) {
            h.at(t);
            var r = c2.send(new ConsumerGroupHeartbeatRequest(CoordinatorHarness.GROUP, "c2", c2.memberId, c2.epoch + 5, null, null, -1, null, null, null));
            assertEquals(Errors.FENCED_MEMBER_EPOCH, r.error());
            h.client("c1").heartbeat();
        }
        h.at(50_001);
        assertEquals(50_000_000L, removed(h).timeUs());
    }

    @Test
    void aMemberThatNeverAcknowledgesItsRevocationIsFencedAtItsRebalanceTimeout() {
        CoordinatorHarness h = new CoordinatorHarness(6);
        var c1 = h.client("c1");
        c1.rebalanceTimeoutMs = 12_000;
        c1.join();
        h.at(5000);
        h.client("c2").join();
        h.at(6000);
        c1.heartbeat();                                  // UNREVOKED from 6 s: deadline 18 s
        assertEquals(ConsumerGroupMemberState.UNREVOKED_PARTITIONS, c1.onCoordinator().state());
        for (long t = 11_000; t < 18_000; t += 5000) {
            h.at(t);
            c1.heartbeat();                              // keeps the session, never acknowledges
            h.client("c2").heartbeat();
        }
        h.at(17_999);
        assertTrue(h.events(GroupEventType.MEMBER_REMOVED).isEmpty(), "heartbeats without an ack do not push the deadline");
        h.at(18_001);
        GroupEvent e = removed(h);
        assertEquals("rebalance-timeout", e.reason());
        assertEquals(18_000_000L, e.timeUs());
        assertEquals(Errors.UNKNOWN_MEMBER_ID, c1.heartbeat().error());
    }

    @Test
    void anAcknowledgedRevocationCancelsTheRebalanceTimer() {
        CoordinatorHarness h = new CoordinatorHarness(6);
        var c1 = h.client("c1");
        c1.rebalanceTimeoutMs = 12_000;
        c1.join();
        h.at(5000);
        h.client("c2").join();
        c1.heartbeat();
        c1.ack();
        for (long t = 10_000; t <= 40_000; t += 5000) {
            h.at(t);
            c1.heartbeat();
            h.client("c2").heartbeat();
        }
        assertTrue(h.events(GroupEventType.MEMBER_REMOVED).isEmpty());
    }

    @Test
    void aFailoverStopsEveryTimerAndTheNewCoordinatorReArmsThemInFull() {
        CoordinatorHarness h = twoStableMembers();          // both heartbeat last at 5 s
        h.at(30_000);
        h.coordinator.crash();
        assertEquals(Errors.NOT_COORDINATOR, h.client("c1").heartbeat().error());
        h.at(60_000);
        assertTrue(h.events(GroupEventType.MEMBER_REMOVED).isEmpty(), "no session expires while no coordinator runs");
        h.coordinator.load();
        h.at(104_999);
        assertTrue(h.events(GroupEventType.MEMBER_REMOVED).isEmpty());
        h.client("c1").heartbeat();
        h.at(105_001);
        GroupEvent e = removed(h);
        assertEquals("c2", e.member());
        assertEquals(105_000_000L, e.timeUs(), "a full session from the load at 60 s");
    }

    @Test
    void aFailoverReArmsARevokingMembersRebalanceTimeoutInFull() {
        CoordinatorHarness h = new CoordinatorHarness(6);
        var c1 = h.client("c1");
        c1.rebalanceTimeoutMs = 20_000;
        c1.join();
        h.at(5000);
        h.client("c2").join();
        c1.heartbeat();                                   // UNREVOKED from 5 s: deadline 25 s
        h.at(10_000);
        h.coordinator.crash();
        h.at(12_000);
        h.coordinator.load();                             // new deadline: 32 s
        for (long t = 15_000; t < 32_000; t += 5000) {
            h.at(t);
            c1.heartbeat();
            h.client("c2").heartbeat();
        }
        h.at(31_999);
        assertTrue(h.events(GroupEventType.MEMBER_REMOVED).isEmpty());
        h.at(32_001);
        assertEquals("rebalance-timeout", removed(h).reason());
        assertEquals(32_000_000L, removed(h).timeUs());
    }
}
