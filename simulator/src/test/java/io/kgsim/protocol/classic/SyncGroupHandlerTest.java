package io.kgsim.protocol.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.classic.CoordinatorDriver.Reply;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** SyncGroup on the coordinator, called directly: leader and followers in each group state, and its preamble. */
class SyncGroupHandlerTest {
    private final CoordinatorDriver d = new CoordinatorDriver();

    @Test
    void followersWaitForTheLeaderWhoseSyncGroupHandsOutEveryAssignment() {
        Map<String, JoinGroupResponse> answers = d.completingGroup(false, "c1", "c2", "c3");
        String leader = answers.get("c1").memberId();
        String c2 = answers.get("c2").memberId();
        Reply<SyncGroupResponse> follower = d.sync(c2, 1);
        assertTrue(follower.parked(), "a follower waits for the leader's assignment");
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, d.state());
        // The leader leaves c3 out: it gets an empty assignment.
        Reply<SyncGroupResponse> own = d.sync(leader, null, 1, Map.of(leader, new byte[] {1}, c2, new byte[] {2}));
        assertArrayEquals(new byte[] {1}, own.only().assignment());
        assertArrayEquals(new byte[] {2}, follower.only().assignment());
        assertEquals(Errors.NONE, follower.only().error());
        assertEquals(ClassicGroupState.STABLE, d.state());
        GroupEvent completed = d.events(GroupEventType.REBALANCE_COMPLETED).get(0);
        assertEquals(1, completed.epoch().generation());
        assertEquals(List.of("c1", "c2", "c3"), completed.members());
        SyncGroupResponse late = d.sync(answers.get("c3").memberId(), 1).only();
        assertEquals(Errors.NONE, late.error());
        assertArrayEquals(new byte[0], late.assignment());
    }

    @Test
    void aStableGroupSendsAResentSyncGroupTheStoredAssignment() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        SyncGroupResponse again = d.sync(ids.get("c2"), 1).only();
        assertEquals(Errors.NONE, again.error());
        assertArrayEquals("c2".getBytes(), again.assignment());
        assertEquals(1, d.events(GroupEventType.REBALANCE_COMPLETED).size(), "nothing completes twice");
    }

    @Test
    void syncGroupDuringPreparingRebalanceIsToldARebalanceIsInProgress() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        d.join(ids.get("c1"), "c1");
        assertEquals(Errors.REBALANCE_IN_PROGRESS, d.sync(ids.get("c2"), 1).only().error());
    }

    @Test
    void aParkedSyncGroupLearnsOfARebalanceThatInterruptsCompletingRebalance() {
        Map<String, JoinGroupResponse> answers = d.completingGroup(false, "c1", "c2");
        Reply<SyncGroupResponse> follower = d.sync(answers.get("c2").memberId(), 1);
        String c3 = d.newMemberId("c3");
        d.join(c3, "c3");
        assertEquals(Errors.REBALANCE_IN_PROGRESS, follower.only().error());
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, d.state());
    }

    @Test
    void syncGroupForAnotherGenerationIsAnIllegalGeneration() {
        Map<String, JoinGroupResponse> answers = d.completingGroup(false, "c1", "c2");
        assertEquals(Errors.ILLEGAL_GENERATION, d.sync(answers.get("c2").memberId(), 0).only().error());
        assertEquals(Errors.ILLEGAL_GENERATION, d.sync(answers.get("c1").memberId(), 2).only().error());
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, d.state(), "a leader's SyncGroup of another generation assigns nothing");
    }

    @Test
    void syncGroupFromAnUnknownMemberOrForAnUnknownGroupIsUnknownMemberId() {
        d.completingGroup(false, "c1");
        assertEquals(Errors.UNKNOWN_MEMBER_ID, d.sync("c9-unknown", 1).only().error());
        Reply<SyncGroupResponse> otherGroup = new Reply<>();
        d.coordinator.handleSyncGroup(new SyncGroupRequest("other", "c9-unknown", null, 1, Map.of()), otherGroup);
        assertEquals(Errors.UNKNOWN_MEMBER_ID, otherGroup.only().error());
    }

    @Test
    void syncGroupFromAReplacedStaticInstanceIsFenced() {
        Map<String, String> ids = d.stableGroup(true, "c1", "c2");
        d.join("", "c2", "ic2", CoordinatorDriver.RANGE);
        // The check of the instance comes before the generation's: the zombie's generation is right.
        assertEquals(Errors.FENCED_INSTANCE_ID, d.sync(ids.get("c2"), "ic2", 1, Map.of()).only().error());
        assertEquals(Errors.FENCED_INSTANCE_ID, d.sync(ids.get("c2"), "ic2", 0, Map.of()).only().error());
    }

    @Test
    void syncGroupWhileTheCoordinatorIsDownIsNotCoordinator() {
        Map<String, JoinGroupResponse> answers = d.completingGroup(false, "c1");
        d.coordinator.crash();
        assertEquals(Errors.NOT_COORDINATOR, d.sync(answers.get("c1").memberId(), 1).only().error());
    }
}
