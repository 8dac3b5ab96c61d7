package io.kgsim.protocol.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.GroupSnapshot;
import io.kgsim.protocol.OffsetStore;
import io.kgsim.protocol.classic.CoordinatorDriver.Reply;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** Heartbeat, LeaveGroup, OffsetCommit and OffsetFetch on the coordinator, called directly, in each group state. */
class MemberRequestHandlerTest {
    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T1 = new TopicPartition("t", 1);

    private final CoordinatorDriver d = new CoordinatorDriver();

    private long committed(TopicPartition tp) {
        return d.coordinator.offsets(CoordinatorDriver.GROUP).committed(tp);
    }

    // ---------------------------------------------------------------- Heartbeat

    @Test
    void heartbeatAnswersFollowTheGroupState() {
        Map<String, JoinGroupResponse> answers = d.completingGroup(false, "c1", "c2");
        String c1 = answers.get("c1").memberId();
        String c2 = answers.get("c2").memberId();
        assertEquals(Errors.NONE, d.heartbeat(c2, 1), "CompletingRebalance");
        d.sync(c1, null, 1, Map.of());
        d.sync(c2, 1);
        assertEquals(Errors.NONE, d.heartbeat(c2, 1), "Stable");
        d.join(c1, "c1");
        assertEquals(Errors.REBALANCE_IN_PROGRESS, d.heartbeat(c2, 1), "PreparingRebalance: rejoin");
        d.join(c2, "c2");
        d.leave(c1, null, "bye");
        d.leave(c2, null, "bye");
        assertEquals(ClassicGroupState.EMPTY, d.state());
        assertEquals(Errors.UNKNOWN_MEMBER_ID, d.heartbeat(c2, d.generation()), "Empty: nobody is a member");
    }

    @Test
    void aHeartbeatForAnotherGenerationIsAnIllegalGeneration() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        assertEquals(Errors.ILLEGAL_GENERATION, d.heartbeat(ids.get("c2"), 0));
        assertEquals(Errors.ILLEGAL_GENERATION, d.heartbeat(ids.get("c2"), 2));
    }

    @Test
    void aHeartbeatFromAnUnknownMemberOrGroupOrAFencedInstanceIsRejected() {
        Map<String, String> ids = d.stableGroup(true, "c1");
        assertEquals(Errors.UNKNOWN_MEMBER_ID, d.heartbeat("c9-unknown", 1));
        Reply<Errors> other = new Reply<>();
        d.coordinator.handleHeartbeat(new HeartbeatRequest("other", ids.get("c1"), null, 1), other);
        assertEquals(Errors.UNKNOWN_MEMBER_ID, other.only());
        assertEquals(Errors.FENCED_INSTANCE_ID, d.heartbeat("c9-unknown", "ic1", 1), "another id under c1's instance id");
    }

    @Test
    void aHeartbeatWhileTheCoordinatorIsDownIsNotCoordinator() {
        Map<String, String> ids = d.stableGroup(false, "c1");
        d.coordinator.crash();
        assertEquals(Errors.NOT_COORDINATOR, d.heartbeat(ids.get("c1"), 1));
    }

    // ---------------------------------------------------------------- LeaveGroup

    @Test
    void aMemberLeavingAStableGroupIsRemovedAndTheGroupRebalances() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        assertEquals(Errors.NONE, d.leave(ids.get("c2"), null, "the consumer is being closed"));
        assertEquals(List.of("c2:left"), d.removals());
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, d.state());
        List<GroupEvent> started = d.events(GroupEventType.REBALANCE_STARTED);
        assertEquals("member c2 left the group: the consumer is being closed", started.get(started.size() - 1).reason());
        assertEquals(Errors.UNKNOWN_MEMBER_ID, d.heartbeat(ids.get("c2"), 1));
    }

    @Test
    void aLeaveAfterAPollTimeoutIsRecordedAsAPollTimeout() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        d.leave(ids.get("c2"), null, ClassicGroupCoordinator.POLL_TIMEOUT_REASON + " Consider increasing max.poll.interval.ms.");
        assertEquals(List.of("c2:poll-timeout"), d.removals());
    }

    @Test
    void theLastMemberLeavingEmptiesTheGroupUnderANewGeneration() {
        Map<String, String> ids = d.stableGroup(false, "c1");
        d.leave(ids.get("c1"), null, "bye");
        assertEquals(ClassicGroupState.EMPTY, d.state());
        assertEquals(2, d.generation());
        GroupEvent completed = d.events(GroupEventType.REBALANCE_COMPLETED).get(1);
        assertEquals(List.of(), completed.members());
    }

    @Test
    void aPendingMemberLeavingIsForgottenWithoutARebalance() {
        d.stableGroup(false, "c1");
        int before = d.events.size();
        String pending = d.newMemberId("c2");
        assertEquals(Errors.NONE, d.leave(pending, null, "bye"));
        assertEquals(before, d.events.size(), "a pending member was never in the group");
        assertEquals(Errors.UNKNOWN_MEMBER_ID, d.join(pending, "c2").only().error(), "its id is no longer reserved");
        assertEquals(ClassicGroupState.STABLE, d.state());
    }

    @Test
    void aLeaveFromAnUnknownMemberOrAFencedInstanceIsRejected() {
        Map<String, String> ids = d.stableGroup(true, "c1");
        assertEquals(Errors.UNKNOWN_MEMBER_ID, d.leave("c9-unknown", null, "bye"));
        assertEquals(Errors.FENCED_INSTANCE_ID, d.leave("c9-unknown", "ic1", "bye"));
        assertEquals(List.of(), d.removals());
        d.coordinator.crash();
        assertEquals(Errors.NOT_COORDINATOR, d.leave(ids.get("c1"), "ic1", "bye"));
        Reply<Errors> other = new Reply<>();
        d.coordinator.load();
        d.coordinator.handleLeaveGroup(new LeaveGroupRequest("other", "x", null, "bye"), other);
        assertEquals(Errors.UNKNOWN_MEMBER_ID, other.only());
    }

    // ---------------------------------------------------------------- OffsetCommit and OffsetFetch

    @Test
    void aCommitInAStableGroupIsStoredAndPublished() {
        Map<String, String> ids = d.stableGroup(false, "c1");
        assertEquals(Errors.NONE, d.commit(ids.get("c1"), "c1", 1, Map.of(T0, 42L)));
        assertEquals(42, committed(T0));
        GroupEvent e = d.events(GroupEventType.OFFSETS_COMMITTED).get(0);
        assertEquals("c1", e.member());
        assertEquals(1, e.epoch().generation());
        assertEquals(Map.of(T0, 42L), e.offsets());
    }

    @Test
    void aCommitDuringPreparingRebalanceIsAccepted() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        d.join(ids.get("c1"), "c1");
        assertEquals(Errors.NONE, d.commit(ids.get("c2"), "c2", 1, Map.of(T1, 7L)), "a member commits before it revokes");
        assertEquals(7, committed(T1));
    }

    @Test
    void aCommitDuringCompletingRebalanceIsRejectedAndNotStored() {
        Map<String, JoinGroupResponse> answers = d.completingGroup(false, "c1");
        assertEquals(Errors.REBALANCE_IN_PROGRESS, d.commit(answers.get("c1").memberId(), "c1", 1, Map.of(T0, 5L)));
        assertEquals(-1, committed(T0));
        assertEquals(List.of(), d.events(GroupEventType.OFFSETS_COMMITTED));
    }

    @Test
    void aZombiesCommitForAnOldGenerationIsRejectedAndNotStored() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        d.join(ids.get("c1"), "c1");
        d.join(ids.get("c2"), "c2");
        assertEquals(2, d.generation());
        assertEquals(Errors.ILLEGAL_GENERATION, d.commit(ids.get("c2"), "c2", 1, Map.of(T0, 9L)));
        assertEquals(Errors.UNKNOWN_MEMBER_ID, d.commit("c9-unknown", "c9", 2, Map.of(T0, 9L)));
        assertEquals(-1, committed(T0));
    }

    @Test
    void anEmptyCommitIsAcceptedAndPublishesNothing() {
        Map<String, String> ids = d.stableGroup(false, "c1");
        assertEquals(Errors.NONE, d.commit(ids.get("c1"), "c1", 1, Map.of()));
        assertEquals(List.of(), d.events(GroupEventType.OFFSETS_COMMITTED));
    }

    @Test
    void offsetFetchReturnsCommittedOffsetsAndMinusOneForTheRest() {
        Map<String, String> ids = d.stableGroup(false, "c1");
        d.commit(ids.get("c1"), "c1", 1, Map.of(T0, 42L));
        Reply<Map<TopicPartition, Long>> fetched = new Reply<>();
        d.coordinator.handleOffsetFetch(CoordinatorDriver.GROUP, List.of(T0, T1), fetched);
        assertEquals(Map.of(T0, 42L, T1, -1L), fetched.only());
        d.coordinator.crash();
        Reply<Map<TopicPartition, Long>> down = new Reply<>();
        d.coordinator.handleOffsetFetch(CoordinatorDriver.GROUP, List.of(T0), down);
        assertNull(down.only(), "no answer while the coordinator is down");
    }

    @Test
    void offsetsOfAGroupNobodyJoinedAreEmptyAndStayWithTheGroup() {
        OffsetStore offsets = d.coordinator.offsets("new");
        assertEquals(-1, offsets.committed(T0));
        assertEquals(offsets, d.coordinator.offsets("new"));
    }

    // ---------------------------------------------------------------- snapshot

    @Test
    void theSnapshotNamesStatesAsKafkaDoes() {
        assertEquals(new GroupSnapshot("Empty", Epoch.generation(0), 0, false), d.coordinator.snapshot(CoordinatorDriver.GROUP));
        String c1 = d.newMemberId("c1");
        d.join(c1, "c1");
        assertEquals("PreparingRebalance", d.coordinator.snapshot(CoordinatorDriver.GROUP).state());
        d.advanceMs(CoordinatorDriver.INITIAL_DELAY_MS);
        GroupSnapshot completing = d.coordinator.snapshot(CoordinatorDriver.GROUP);
        assertEquals("CompletingRebalance", completing.state());
        assertFalse(completing.stable());
        d.sync(c1, null, 1, Map.of());
        GroupSnapshot stable = d.coordinator.snapshot(CoordinatorDriver.GROUP);
        assertEquals(new GroupSnapshot("Stable", Epoch.generation(1), 1, true), stable);
        assertEquals("Dead", ClassicGroupState.DEAD.toString());
    }
}
