package io.kgsim.protocol.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** How members move toward the target: revoke, acknowledge, then the new owner takes (CurrentAssignmentBuilder). */
class ReconciliationTest {

    /** c1 and c2 share six partitions, stable at epoch 3, the last computation at t=5 s. */
    private static CoordinatorHarness twoStableMembers() {
        CoordinatorHarness h = new CoordinatorHarness(6);
        h.client("c1").join();
        h.at(5000);
        h.client("c2").join();
        h.client("c1").heartbeat();
        h.client("c1").ack();
        h.client("c2").heartbeat();
        h.client("c2").ack();
        assertEquals(ConsumerGroupState.STABLE, h.state());
        assertEquals(3, h.client("c1").assignment.size());
        assertEquals(3, h.client("c2").assignment.size());
        return h;
    }

    @Test
    void aJoinerGetsAPartitionOnlyInAHeartbeatOfItsOwnAfterTheOldOwnerAcknowledgedItsRevocation() {
        CoordinatorHarness h = twoStableMembers();
        var c1 = h.client("c1");
        var c2 = h.client("c2");
        var c3 = h.client("c3");
        h.at(10_000);
        var joined = c3.join();
        assertEquals(4, joined.memberEpoch(), "the joiner is at the new epoch at once");
        assertEquals(List.of(), joined.assignment(), "its partitions are still owned by others");
        assertEquals(ConsumerGroupMemberState.UNRELEASED_PARTITIONS, c3.onCoordinator().state());

        var revoking = c1.heartbeat();
        assertEquals(3, revoking.memberEpoch(), "a revoking member stays at its old epoch");
        assertEquals(2, revoking.assignment().size());
        assertEquals(1, c1.onCoordinator().pendingRevocation().size());
        TopicPartition released = c1.onCoordinator().pendingRevocation().firstKey();
        assertNull(c3.heartbeat().assignment(), "nothing for c3 before c1 acknowledged");
        c1.heartbeat();
        assertNull(c3.heartbeat().assignment(), "a heartbeat without owned partitions acknowledges nothing");

        h.at(10_500);
        var acked = c1.ack();
        assertEquals(4, acked.memberEpoch());
        assertEquals(ConsumerGroupMemberState.STABLE, c1.onCoordinator().state());
        assertFalse(c3.assignment.contains(released), "the release is not pushed to the new owner");
        var taken = c3.heartbeat();
        assertEquals(List.of(released), taken.assignment(), "c3 takes it in its own next heartbeat");
        assertEquals(ConsumerGroupMemberState.UNRELEASED_PARTITIONS, c3.onCoordinator().state(), "c2 has not revoked yet");

        c2.heartbeat();
        c2.ack();
        c3.heartbeat();
        assertEquals(2, c3.assignment.size());
        assertEquals(ConsumerGroupMemberState.STABLE, c3.onCoordinator().state());
        assertEquals(ConsumerGroupState.STABLE, h.state());
        GroupEvent completed = h.events(GroupEventType.REBALANCE_COMPLETED).get(h.events(GroupEventType.REBALANCE_COMPLETED).size() - 1);
        assertEquals(4, completed.epoch().groupEpoch());
        assertEquals(List.of("c1", "c2", "c3"), completed.members());
    }

    @Test
    void membersAJoinDoesNotTouchOnlySeeTheirEpochChange() {
        CoordinatorHarness h = new CoordinatorHarness(6);
        for (String c : List.of("c1", "c2", "c3")) {
            h.at(h.nowMs() + 2000);
            h.client(c).join();
            for (String d : List.of("c1", "c2", "c3")) {
                if (h.coordinator.hasMember(CoordinatorHarness.GROUP, h.client(d).memberId)) {
                    h.client(d).heartbeat();
                    h.client(d).ack();
                    h.client(d).heartbeat();
                }
            }
        }
        assertEquals(ConsumerGroupState.STABLE, h.state());
        h.at(h.nowMs() + 2000);
        h.client("c4").join();
        int untouched = 0;
        for (String c : List.of("c1", "c2", "c3")) {
            var before = Set.copyOf(h.client(c).assignment);
            var target = Set.copyOf(h.coordinator.targetAssignment(CoordinatorHarness.GROUP, h.client(c).memberId));
            var r = h.client(c).heartbeat();
            if (before.equals(target)) {
                untouched++;
                assertEquals(5, r.memberEpoch());
                assertNull(r.assignment(), c + " is told its new epoch and nothing else");
                assertEquals(ConsumerGroupMemberState.STABLE, h.client(c).onCoordinator().state());
            } else {
                assertEquals(4, r.memberEpoch());
                assertTrue(before.containsAll(r.assignment()), c + " only loses partitions");
            }
        }
        assertEquals(2, untouched, "uniform moves one partition of six from one of three members");
    }

    @Test
    void aLeaveFreesItsPartitionsAtOnceForTheNextComputation() {
        CoordinatorHarness h = twoStableMembers();
        var c2Partitions = Set.copyOf(h.client("c2").assignment);
        h.at(10_000);
        var left = h.client("c2").leave(ConsumerGroupHeartbeatRequest.LEAVE_GROUP_MEMBER_EPOCH);
        assertEquals(-1, left.memberEpoch());
        GroupEvent removed = h.events(GroupEventType.MEMBER_REMOVED).get(0);
        assertEquals("c2", removed.member());
        assertEquals("left", removed.reason());
        assertFalse(h.coordinator.hasMember(CoordinatorHarness.GROUP, h.client("c2").memberId));
        var r = h.client("c1").heartbeat();
        assertEquals(4, r.memberEpoch());
        assertEquals(6, r.assignment().size(), "c1 takes c2's partitions in the very response that computed the target");
        assertTrue(r.assignment().containsAll(c2Partitions));
        assertEquals(ConsumerGroupState.STABLE, h.state());
    }

    @Test
    void aMemberThatReportsItNoLongerOwnsTheRevokedPartitionsSkipsStraightToTheNewEpoch() {
        CoordinatorHarness h = twoStableMembers();
        h.at(10_000);
        h.client("c3").join();
        var c1 = h.client("c1");
        c1.assignment = List.of();                 // as after onPartitionsLost: owns nothing
        var r = c1.ack();
        assertEquals(4, r.memberEpoch());
        assertEquals(ConsumerGroupMemberState.STABLE, c1.onCoordinator().state());
    }
}
