package io.kgsim.protocol.classic;

import static io.kgsim.protocol.classic.CoordinatorDriver.RANGE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.classic.CoordinatorDriver.Reply;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** JoinGroup on the coordinator, called directly: each kind of member in each group state. */
class JoinGroupHandlerTest {
    private final CoordinatorDriver d = new CoordinatorDriver();

    private List<String> rebalanceReasons() {
        return d.events(GroupEventType.REBALANCE_STARTED).stream().map(GroupEvent::reason).toList();
    }

    @Test
    void aNewDynamicMemberIsGivenAnIdAndNothingElse() {
        JoinGroupResponse first = d.join("", "c1").only();
        assertEquals(Errors.MEMBER_ID_REQUIRED, first.error());
        assertTrue(first.memberId().startsWith("c1-"), first.memberId());
        assertEquals(ClassicGroupState.EMPTY, d.state());
        assertEquals(0, d.coordinator.memberCount(CoordinatorDriver.GROUP));
        assertEquals(List.of(), d.events, "a pending member is not in the group");
        assertNotEquals(first.memberId(), d.join("", "c1").only().memberId(), "each first join reserves a new id");
    }

    @Test
    void memberIdsAreTheSameForTheSameSeed() {
        CoordinatorDriver again = new CoordinatorDriver();
        assertEquals(d.newMemberId("c1"), again.newMemberId("c1"));
    }

    @Test
    void theSecondJoinAddsTheMemberAndStartsTheDelayedInitialRebalance() {
        String id = d.newMemberId("c1");
        Reply<JoinGroupResponse> join = d.join(id, "c1");
        assertTrue(join.parked());
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, d.state());
        assertEquals(List.of("adding new member c1"), rebalanceReasons());
        d.advanceMs(CoordinatorDriver.INITIAL_DELAY_MS - 1);
        assertTrue(join.parked(), "the initial delay holds the join back");
        d.advanceMs(1);
        JoinGroupResponse r = join.only();
        assertEquals(Errors.NONE, r.error());
        assertEquals(1, r.generationId());
        assertEquals("range", r.protocolName());
        assertEquals(id, r.leader());
        assertEquals(1, r.members().size());
        assertArrayEquals(RANGE.metadata(), r.members().get(0).metadata());
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, d.state());
    }

    @Test
    void onlyTheLeaderIsSentTheMemberList() {
        Map<String, JoinGroupResponse> answers = d.completingGroup(false, "c1", "c2");
        assertEquals(2, answers.get("c1").members().size());
        assertEquals(List.of(), answers.get("c2").members());
        assertEquals(answers.get("c1").memberId(), answers.get("c2").leader());
    }

    @Test
    void aStaticMemberJoinsAtOnceWithoutAskingForAnId() {
        Reply<JoinGroupResponse> join = d.join("", "c1", "i1", RANGE);
        assertTrue(join.parked());
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, d.state());
        assertEquals(1, d.coordinator.memberCount(CoordinatorDriver.GROUP));
    }

    @Test
    void aStaticMemberRejoiningAStableGroupTakesItsOldPlaceWithoutARebalance() {
        Map<String, String> ids = d.stableGroup(true, "c1", "c2");
        int rebalances = rebalanceReasons().size();
        JoinGroupResponse r = d.join("", "c1", "ic1", RANGE).only();
        assertEquals(Errors.NONE, r.error());
        assertNotEquals(ids.get("c1"), r.memberId(), "a new member id");
        assertEquals(1, r.generationId());
        assertEquals(r.memberId(), r.leader(), "the returning leader is still the leader");
        assertTrue(r.skipAssignment(), "KIP-814: a returning leader does not assign again");
        assertEquals(ClassicGroupState.STABLE, d.state());
        assertEquals(rebalances, rebalanceReasons().size());
        GroupEvent replaced = d.events(GroupEventType.MEMBER_REPLACED).get(0);
        assertEquals("c1", replaced.member());
        assertEquals("static-rejoin", replaced.reason());
        assertEquals(Errors.FENCED_INSTANCE_ID, d.heartbeat(ids.get("c1"), "ic1", 1), "the old id is a zombie");
        assertEquals(Errors.NONE, d.heartbeat(r.memberId(), "ic1", 1));
        assertArrayEquals("c1".getBytes(), d.sync(r.memberId(), "ic1", 1, Map.of()).only().assignment(), "it keeps its assignment");
    }

    @Test
    void aStaticMemberRejoiningWithADifferentProtocolRebalancesAStableGroup() {
        d.stableGroup(true, "c1");
        Protocol roundRobin = new Protocol("roundrobin", new byte[] {1});
        JoinGroupResponse r = d.join("", "c1", "ic1", roundRobin, RANGE).only();
        // The only member rejoined, so the join phase completes at once, with its new first choice.
        assertEquals(Errors.NONE, r.error());
        assertEquals(2, r.generationId());
        assertEquals("roundrobin", r.protocolName());
        assertEquals("static member c1 rejoined with a different protocol", rebalanceReasons().get(1));
    }

    @Test
    void aStaticMemberRejoiningDuringCompletingRebalanceFencesItsParkedSyncAndRebalances() {
        Map<String, JoinGroupResponse> answers = d.completingGroup(true, "c1", "c2");
        Reply<SyncGroupResponse> oldSync = d.sync(answers.get("c2").memberId(), "ic2", 1, Map.of());
        assertTrue(oldSync.parked());
        Reply<JoinGroupResponse> rejoin = d.join("", "c2", "ic2", RANGE);
        assertEquals(Errors.FENCED_INSTANCE_ID, oldSync.only().error());
        assertTrue(rejoin.parked());
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, d.state());
        assertEquals("static member c2 rejoined during CompletingRebalance", rebalanceReasons().get(1));
    }

    @Test
    void aStaticMemberRejoiningDuringPreparingRebalanceFencesItsParkedJoinAndCompletesTheJoin() {
        Map<String, String> ids = d.stableGroup(true, "c1", "c2", "c3");
        Reply<JoinGroupResponse> leader = d.join(ids.get("c1"), "c1", "ic1", RANGE);
        Reply<JoinGroupResponse> oldC2 = d.join(ids.get("c2"), "c2", "ic2", RANGE);
        assertTrue(leader.parked() && oldC2.parked());
        Reply<JoinGroupResponse> newC2 = d.join("", "c2", "ic2", RANGE);
        assertEquals(Errors.FENCED_INSTANCE_ID, oldC2.only().error());
        assertTrue(newC2.parked(), "c3 has not rejoined yet");
        d.join(ids.get("c3"), "c3", "ic3", RANGE);
        assertEquals(2, leader.only().generationId());
        assertEquals(2, newC2.only().generationId());
        assertEquals(3, leader.only().members().size());
    }

    @Test
    void aFollowerRejoiningAStableGroupUnchangedIsAnsweredWithoutARebalance() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        JoinGroupResponse r = d.join(ids.get("c2"), "c2").only();
        assertEquals(Errors.NONE, r.error());
        assertEquals(1, r.generationId());
        assertFalse(r.skipAssignment());
        assertEquals(ClassicGroupState.STABLE, d.state());
    }

    @Test
    void aFollowerRejoiningAStableGroupWithChangedMetadataStartsARebalance() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        assertTrue(d.join(ids.get("c2"), "c2", null, new Protocol("range", new byte[] {2})).parked());
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, d.state());
        assertEquals("member c2 rejoined with changed metadata", rebalanceReasons().get(1));
    }

    @Test
    void theLeaderRejoiningAStableGroupAlwaysStartsARebalance() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        assertTrue(d.join(ids.get("c1"), "c1").parked());
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, d.state());
        assertEquals("leader c1 rejoined with unchanged metadata", rebalanceReasons().get(1));
        JoinGroupResponse follower = d.join(ids.get("c2"), "c2").only();
        assertEquals(2, follower.generationId(), "everyone rejoined: the join phase completes");
    }

    @Test
    void aMemberRejoiningCompletingRebalanceWithTheSameMetadataGetsItsAnswerAgain() {
        Map<String, JoinGroupResponse> answers = d.completingGroup(false, "c1", "c2");
        JoinGroupResponse again = d.join(answers.get("c2").memberId(), "c2").only();
        assertEquals(answers.get("c2"), again);
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, d.state());
    }

    @Test
    void aMemberRejoiningCompletingRebalanceWithChangedMetadataRestartsTheRebalance() {
        Map<String, JoinGroupResponse> answers = d.completingGroup(false, "c1", "c2");
        assertTrue(d.join(answers.get("c2").memberId(), "c2", null, new Protocol("range", new byte[] {2})).parked());
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, d.state());
        assertEquals("updating metadata for member c2 during CompletingRebalance", rebalanceReasons().get(1));
    }

    @Test
    void aJoinWithAMemberIdTheGroupDoesNotKnowIsRejected() {
        d.stableGroup(false, "c1");
        assertEquals(Errors.UNKNOWN_MEMBER_ID, d.join("c9-unknown", "c9").only().error());
        assertEquals(ClassicGroupState.STABLE, d.state());
    }

    @Test
    void aFullStableGroupTurnsNewMembersAway() {
        CoordinatorDriver full = new CoordinatorDriver(2);
        full.stableGroup(false, "c1", "c2");
        JoinGroupResponse r = full.join("", "c3").only();
        assertEquals(Errors.GROUP_MAX_SIZE_REACHED, r.error());
        assertEquals("", r.memberId());
        assertEquals(ClassicGroupState.STABLE, full.state());
    }

    @Test
    void whileRebalancingTheLastMembersToRejoinAFullGroupAreRemoved() {
        CoordinatorDriver full = new CoordinatorDriver(2);
        Map<String, String> ids = full.stableGroup(false, "c1", "c2");
        Reply<JoinGroupResponse> leader = full.join(ids.get("c1"), "c1");
        // While preparing, only members that rejoined count: a newcomer still fits.
        String c3 = full.newMemberId("c3");
        Reply<JoinGroupResponse> newcomer = full.join(c3, "c3");
        assertTrue(leader.parked() && newcomer.parked());
        JoinGroupResponse late = full.join(ids.get("c2"), "c2").only();
        assertEquals(Errors.GROUP_MAX_SIZE_REACHED, late.error());
        assertEquals(List.of("c2:group-max-size"), full.removals());
    }

    @Test
    void aJoinOfferingNoProtocolEveryMemberSupportsIsRejected() {
        d.stableGroup(false, "c1");
        JoinGroupResponse r = d.join("", "c2", null, new Protocol("roundrobin", new byte[] {1})).only();
        assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL, r.error());
        assertEquals(1, d.coordinator.memberCount(CoordinatorDriver.GROUP));
    }

    @Test
    void aSessionTimeoutOutsideTheBrokersBoundsIsRejected() {
        int min = CoordinatorDriver.MIN_SESSION_MS;
        int max = CoordinatorDriver.MAX_SESSION_MS;
        int rebalance = CoordinatorDriver.REBALANCE_MS;
        assertEquals(Errors.INVALID_SESSION_TIMEOUT, d.join("", "c1", null, min - 1, rebalance, RANGE).only().error());
        assertEquals(Errors.INVALID_SESSION_TIMEOUT, d.join("", "c1", null, max + 1, rebalance, RANGE).only().error());
        assertEquals(Errors.MEMBER_ID_REQUIRED, d.join("", "c1", null, min, rebalance, RANGE).only().error());
        assertEquals(Errors.MEMBER_ID_REQUIRED, d.join("", "c1", null, max, rebalance, RANGE).only().error());
    }

    @Test
    void joinGroupWhileTheCoordinatorIsDownIsNotCoordinator() {
        d.coordinator.crash();
        assertEquals(Errors.NOT_COORDINATOR, d.join("", "c1").only().error());
        assertEquals(Errors.NOT_COORDINATOR, d.join("", "c1", "ic1", RANGE).only().error());
        d.coordinator.load();
        assertEquals(Errors.MEMBER_ID_REQUIRED, d.join("", "c1").only().error());
    }
}
