package io.kgsim.protocol.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** When the group epoch bumps and when the target assignment is computed (KIP-848, KIP-1263). */
class GroupEpochAndBatchingTest {

    @Test
    void theFirstJoinComputesTheTargetAtOnceAndGetsEveryPartition() {
        CoordinatorHarness h = new CoordinatorHarness(6);
        var c1 = h.client("c1");
        var r = c1.join();
        assertEquals(Errors.NONE, r.error());
        assertEquals(2, r.memberEpoch(), "a new group is at epoch 1 (ModernGroup): the first join bumps it to 2");
        assertEquals(5000, r.heartbeatIntervalMs());
        assertEquals(6, r.assignment().size());
        assertEquals(ConsumerGroupState.STABLE, h.state());
        assertEquals(List.of(GroupEventType.REBALANCE_STARTED, GroupEventType.ASSIGNMENT_COMPUTED, GroupEventType.REBALANCE_COMPLETED),
                h.events.stream().map(GroupEvent::type).toList());
        assertEquals("uniform", h.events(GroupEventType.ASSIGNMENT_COMPUTED).get(0).reason());
        assertEquals(List.of("c1"), h.events(GroupEventType.REBALANCE_COMPLETED).get(0).members());
        assertEquals(2, h.events(GroupEventType.REBALANCE_COMPLETED).get(0).epoch().groupEpoch());
    }

    @Test
    void everyJoinLeaveAndSubscriptionChangeBumpsTheGroupEpochByOne() {
        CoordinatorHarness h = new CoordinatorHarness(Map.of("t", 6, "u", 2), io.kgsim.scenario.ConsumerGroupBrokerConfig.DEFAULTS);
        var c1 = h.client("c1");
        var c2 = h.client("c2");
        c1.join();
        assertEquals(2, h.groupEpoch());
        h.at(2000);
        c2.join();
        assertEquals(3, h.groupEpoch());
        h.at(4000);
        c2.subscribe(List.of("t", "u"));
        assertEquals(4, h.groupEpoch());
        h.at(6000);
        c2.heartbeat();
        assertEquals(4, h.groupEpoch(), "a heartbeat that changes nothing bumps nothing");
        c2.leave(ConsumerGroupHeartbeatRequest.LEAVE_GROUP_MEMBER_EPOCH);
        assertEquals(5, h.groupEpoch());
        assertEquals(List.of(2, 3, 4, 5), h.events(GroupEventType.REBALANCE_STARTED).stream().map(e -> e.epoch().groupEpoch()).toList());
    }

    @Test
    void joinsWithinTheAssignmentIntervalFoldIntoOneComputationMadeByTheFirstHeartbeatAfterIt() {
        CoordinatorHarness h = new CoordinatorHarness(6);
        var c1 = h.client("c1");
        c1.join();                                         // epoch 2, computed at t=0
        h.at(100);
        var r2 = h.client("c2").join();                    // epoch 3: within 1 s of the last computation
        assertEquals(ConsumerGroupState.ASSIGNING, h.state());
        assertEquals(2, r2.memberEpoch(), "a joiner in the window gets the old assignment epoch");
        assertEquals(List.of(), r2.assignment());
        h.at(200);
        h.client("c3").join();                             // epoch 4
        h.at(999);
        c1.heartbeat();
        assertEquals(2, h.coordinator.assignmentEpoch(CoordinatorHarness.GROUP));
        h.at(1000);
        c1.heartbeat();                                    // the first heartbeat at last + interval computes
        assertEquals(4, h.coordinator.assignmentEpoch(CoordinatorHarness.GROUP));
        List<GroupEvent> computed = h.events(GroupEventType.ASSIGNMENT_COMPUTED);
        assertEquals(List.of(2, 4), computed.stream().map(e -> e.epoch().groupEpoch()).toList(), "epoch 3 never gets a target");
        assertEquals(1_000_000L, computed.get(1).timeUs());
        assertEquals(ConsumerGroupState.RECONCILING, h.state());
    }

    @Test
    void leavesAndFencesNeverComputeTheTarget() {
        CoordinatorHarness h = new CoordinatorHarness(6);
        var c1 = h.client("c1");
        var c2 = h.client("c2");
        c1.join();
        h.at(5000);
        c2.join();
        h.at(10_000);
        c2.leave(ConsumerGroupHeartbeatRequest.LEAVE_GROUP_MEMBER_EPOCH);
        assertEquals(4, h.groupEpoch());
        assertEquals(3, h.coordinator.assignmentEpoch(CoordinatorHarness.GROUP));
        assertEquals(ConsumerGroupState.ASSIGNING, h.state());
        h.at(12_000);
        c1.heartbeat();
        assertEquals(4, h.coordinator.assignmentEpoch(CoordinatorHarness.GROUP));
    }

    @Test
    void theLastMemberLeavingResetsTheAssignmentTimestampSoTheNextJoinComputesAtOnce() {
        CoordinatorHarness h = new CoordinatorHarness(6);
        var c1 = h.client("c1");
        c1.join();
        h.at(100);
        c1.leave(ConsumerGroupHeartbeatRequest.LEAVE_GROUP_MEMBER_EPOCH);
        assertEquals(ConsumerGroupState.EMPTY, h.state());
        GroupEvent emptied = h.events(GroupEventType.REBALANCE_COMPLETED).get(1);
        assertEquals(List.of(), emptied.members());
        h.at(200);                                          // well within 1 s of the last computation
        var r = h.client("c2").join();
        assertEquals(4, r.memberEpoch());
        assertEquals(6, r.assignment().size());
        assertEquals(ConsumerGroupState.STABLE, h.state());
    }

    @Test
    void addedPartitionsBumpTheEpochAtTheNextHeartbeatOfAnyMember() {
        CoordinatorHarness h = new CoordinatorHarness(6);
        var c1 = h.client("c1");
        c1.join();
        h.at(5000);
        h.cluster.setPartitionCount("t", 8);
        assertEquals(2, h.groupEpoch(), "nothing happens before a heartbeat");
        var r = c1.heartbeat();
        assertEquals(3, h.groupEpoch());
        assertEquals("the metadata of the subscribed topics changed", h.events(GroupEventType.REBALANCE_STARTED).get(1).reason());
        assertEquals(3, r.memberEpoch());
        assertEquals(8, r.assignment().size(), "the new partitions are free: taken in the same response");
        h.at(10_000);
        c1.heartbeat();
        assertEquals(3, h.groupEpoch(), "an unchanged hash bumps nothing");
    }

    @Test
    void anIntervalOfZeroComputesOnEveryChange() {
        CoordinatorHarness h = new CoordinatorHarness(Map.of("t", 6),
                CoordinatorHarness.config(45_000, 5000, 0, Integer.MAX_VALUE, List.of("uniform", "range")));
        h.client("c1").join();
        var r = h.client("c2").join();
        assertEquals(3, r.memberEpoch());
        assertEquals(2, h.events(GroupEventType.ASSIGNMENT_COMPUTED).size());
        var revoking = h.client("c1").heartbeat();
        assertEquals(3, revoking.assignment().size(), "c1 keeps 3 and must revoke 3");
        assertEquals(2, revoking.memberEpoch(), "a revoking member stays at its old epoch");
        assertEquals(ConsumerGroupMemberState.UNREVOKED_PARTITIONS, h.client("c1").onCoordinator().state());
    }
}
