package io.kgsim.protocol.classic;

import static io.kgsim.protocol.GroupEventType.ASSIGNMENT_COMPUTED;
import static io.kgsim.protocol.GroupEventType.COMMIT_FAILED;
import static io.kgsim.protocol.GroupEventType.COORDINATOR_UNKNOWN;
import static io.kgsim.protocol.GroupEventType.HEARTBEAT_ERROR;
import static io.kgsim.protocol.GroupEventType.JOINED;
import static io.kgsim.protocol.GroupEventType.JOIN_GROUP_SENT;
import static io.kgsim.protocol.GroupEventType.LEAVE_GROUP_SENT;
import static io.kgsim.protocol.GroupEventType.MEMBER_CRASHED;
import static io.kgsim.protocol.GroupEventType.MEMBER_FAILED;
import static io.kgsim.protocol.GroupEventType.MEMBER_STARTED;
import static io.kgsim.protocol.GroupEventType.MEMBER_STOPPED;
import static io.kgsim.protocol.GroupEventType.METADATA_CHANGED;
import static io.kgsim.protocol.GroupEventType.PARTITIONS_ASSIGNED;
import static io.kgsim.protocol.GroupEventType.PARTITIONS_LOST;
import static io.kgsim.protocol.GroupEventType.PARTITIONS_REVOKED;
import static io.kgsim.protocol.GroupEventType.POLL_TIMEOUT;
import static io.kgsim.protocol.GroupEventType.SUBSCRIPTION_CHANGED;
import static io.kgsim.protocol.GroupEventType.SYNCED;
import static io.kgsim.protocol.classic.MemberHarness.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.protocol.ProcessState;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The classic member's membership state machine driven input by input: each state is reached
 * through the member's public inputs and a scripted coordinator, then one input is applied and
 * the next state, the requests sent and the events emitted are checked against the state's
 * behaviour table ({@link MembershipState}).
 */
class ClassicMemberStateMachineTest {

    /** How to bring a fresh member to each state through its inputs. */
    private static MemberHarness in(MembershipState state) {
        return switch (state) {
            case UNJOINED -> MemberHarness.eager().unjoined();
            case JOIN_PREPARE_COMMIT -> MemberHarness.eagerAutoCommit().joinPrepareCommit();
            case JOIN_PREPARED -> MemberHarness.eagerAutoCommit().joinPrepared();
            case JOINING -> MemberHarness.eager().joining();
            case JOIN_RETRY -> MemberHarness.eager().joinRetry();
            case SYNCING -> MemberHarness.eager().syncing();
            case SYNC_FAILED -> MemberHarness.eager().syncFailed();
            case STABLE -> MemberHarness.eager().stable();
        };
    }

    @ParameterizedTest
    @EnumSource(MembershipState.class)
    void eachStateIsReachedThroughTheMembersInputs(MembershipState state) {
        assertEquals(state, in(state).state());
    }

    @ParameterizedTest
    @EnumSource(MembershipState.class)
    void heartbeatsAreSentExactlyInKafkasCompletingRebalanceAndStable(MembershipState state) {
        MemberHarness h = in(state);
        h.mark();
        h.heartbeatDue();
        boolean sent = h.requestsSinceMark().contains("Heartbeat");
        assertEquals(state.kafkaState().sendsHeartbeats(), sent, state + " sent " + h.requestsSinceMark());
        assertEquals(state != MembershipState.UNJOINED && state != MembershipState.JOINING && state != MembershipState.JOIN_RETRY, sent);
    }

    @ParameterizedTest
    @EnumSource(MembershipState.class)
    void pollSendsAJoinGroupExactlyWhereTheTableSays(MembershipState state) {
        MemberHarness h = in(state);
        h.mark();
        h.poll();
        MembershipState expected = switch (state) {
            case UNJOINED, JOIN_PREPARED, JOIN_RETRY, SYNC_FAILED -> MembershipState.JOINING;
            default -> state;   // waiting for an answer, or stable with nothing to do
        };
        assertEquals(expected, h.state());
        List<String> sent = expected == MembershipState.JOINING && state != MembershipState.JOINING ? List.of("JoinGroup") : List.of();
        assertEquals(sent, h.requestsSinceMark());
    }

    @ParameterizedTest
    @EnumSource(MembershipState.class)
    void stopEndsTheProcessAndLeavesUnlessUnjoined(MembershipState state) {
        MemberHarness h = in(state);
        h.mark();
        h.member.stop();
        h.settle();
        while (!h.coordinator.commits.isEmpty()) {
            h.answerCommit(Errors.NONE);      // close's commit (and a pending onJoinPrepare one)
        }
        assertEquals(ProcessState.DEAD, h.member.processState());
        assertEquals(MembershipState.UNJOINED, h.state());
        assertEquals(state != MembershipState.UNJOINED, h.requestsSinceMark().contains("LeaveGroup"), h.requestsSinceMark().toString());
        assertEquals(List.of(), h.member.owned());
    }

    @ParameterizedTest
    @EnumSource(value = MembershipState.class, names = {"JOIN_PREPARE_COMMIT", "JOIN_PREPARED", "SYNCING", "SYNC_FAILED", "STABLE"})
    void aHeartbeatsRebalanceInProgressMattersOnlyInKafkasStable(MembershipState state) {
        MemberHarness h = in(state);
        h.mark();
        h.heartbeatAnswered(Errors.REBALANCE_IN_PROGRESS);
        boolean kafkaStable = state.kafkaState() == MemberState.STABLE;
        assertEquals(kafkaStable ? List.of(HEARTBEAT_ERROR) : List.of(), h.eventsSinceMark());
        assertEquals(state, h.state(), "the rejoin itself waits for the next poll");
        assertTrue(h.member.membership().rejoinNeeded());
    }

    @ParameterizedTest
    @EnumSource(value = MembershipState.class, names = {"JOIN_PREPARE_COMMIT", "JOIN_PREPARED", "SYNCING", "SYNC_FAILED", "STABLE"})
    void aHeartbeatsIllegalGenerationResetsEveryStateThatHeartbeats(MembershipState state) {
        MemberHarness h = in(state);
        h.mark();
        h.heartbeatAnswered(Errors.ILLEGAL_GENERATION);
        assertEquals(List.of(HEARTBEAT_ERROR), h.eventsSinceMark());
        assertEquals(MembershipState.UNJOINED, h.state());
        assertEquals("c1-id", h.member.memberId(), "ILLEGAL_GENERATION keeps the member id");
        assertEquals(-1, h.member.generationId());
    }

    @ParameterizedTest
    @EnumSource(value = MembershipState.class, names = {"JOIN_PREPARE_COMMIT", "JOIN_PREPARED", "SYNCING", "SYNC_FAILED", "STABLE"})
    void aHeartbeatsCoordinatorErrorKeepsTheState(MembershipState state) {
        MemberHarness h = in(state);
        h.mark();
        h.heartbeatAnswered(Errors.COORDINATOR_LOAD_IN_PROGRESS);
        assertEquals(List.of(HEARTBEAT_ERROR, COORDINATOR_UNKNOWN), h.eventsSinceMark());
        assertEquals(state, h.state());
    }

    @ParameterizedTest
    @EnumSource(MembershipState.class)
    void aCrashLosesEverythingSendsNothingAndEndsInUnjoined(MembershipState state) {
        MemberHarness h = in(state);
        int owned = h.member.owned().size();
        h.mark();
        h.member.crash();
        h.run(60_000);
        assertEquals(MembershipState.UNJOINED, h.state());
        assertEquals(ProcessState.DEAD, h.member.processState());
        assertEquals(List.of(), h.requestsSinceMark(), "a dead process sends nothing");
        assertEquals(owned > 0 ? List.of(MEMBER_CRASHED, PARTITIONS_LOST) : List.of(MEMBER_CRASHED), h.eventsSinceMark());
        assertEquals(-1, h.member.generationId());
    }

    @ParameterizedTest
    @EnumSource(MembershipState.class)
    void aPollTimeoutResetsEveryStateButUnjoined(MembershipState state) {
        MemberHarness h = in(state);
        h.mark();
        h.member.pollReturned();
        h.run(MemberHarness.MAX_POLL_MS + 1);
        h.settle();
        assertEquals(MembershipState.UNJOINED, h.state());
        if (state == MembershipState.UNJOINED) {
            assertEquals(List.of(), h.eventsOf(POLL_TIMEOUT));
            return;
        }
        assertEquals(1, h.eventsOf(POLL_TIMEOUT).size());
        // A dynamic member with an id leaves; everything it owned is lost, not revoked.
        assertTrue(h.requestsSinceMark().contains("LeaveGroup"), h.requestsSinceMark().toString());
        assertEquals(List.of(), h.member.owned());
        assertEquals("", h.member.memberId());
        assertEquals(-1, h.member.generationId());
    }

    @ParameterizedTest
    @EnumSource(MembershipState.class)
    void aFreezeHoldsTheHeartbeatThreadUntilItEnds(MembershipState state) {
        MemberHarness h = in(state);
        h.mark();
        h.member.freeze(h.sim.now() + 20_000_000L);
        h.run(19_000);
        assertEquals(List.of(), h.requestsSinceMark(), "nothing leaves a frozen process");
        assertEquals(state, h.state());
    }

    @ParameterizedTest
    @EnumSource(MembershipState.class)
    void aSubscriptionChangeRequestsARejoinInAnyState(MembershipState state) {
        MemberHarness h = in(state);
        h.mark();
        h.member.subscribe(List.of("t", "u"));
        assertEquals(List.of(SUBSCRIPTION_CHANGED), h.eventsSinceMark());
        assertTrue(h.member.membership().rejoinNeeded());
        assertEquals(state, h.state(), "the rejoin waits for the next poll");
    }

    @Nested
    class Unjoined {
        @Test
        void pollSendsAJoinGroupWithoutAMemberId() {
            MemberHarness h = MemberHarness.eager().unjoined();
            assertEquals(List.of(MEMBER_STARTED), h.eventsSinceMark());
            h.mark();
            h.poll();
            assertEquals(MembershipState.JOINING, h.state());
            assertEquals(List.of("JoinGroup"), h.requestsSinceMark());
            assertEquals("", h.lastRequest(JoinGroupRequest.class).memberId());
            assertEquals(List.of(JOIN_GROUP_SENT), h.eventsSinceMark());
        }

        @Test
        void pollBeforeTheCoordinatorIsFoundSendsNothing() {
            MemberHarness h = MemberHarness.eager();
            h.coordinator.available = false;
            h.unjoined();
            h.mark();
            h.poll();
            assertEquals(MembershipState.UNJOINED, h.state());
            assertEquals(List.of(), h.requestsSinceMark());
            h.coordinator.available = true;
            h.run(200);
            assertTrue(h.host.wakeups > 0, "finding the coordinator wakes the main thread");
            h.poll();
            assertEquals(MembershipState.JOINING, h.state());
        }

        /** The deviation issue 12 fixed: a JoinGroup answer after a poll timeout's reset is dropped, as Kafka does. */
        @Test
        void aJoinGroupAnswerAfterAResetIsIgnored() {
            MemberHarness h = MemberHarness.eager().joining();
            h.member.pollReturned();
            h.run(MemberHarness.MAX_POLL_MS + 1);
        h.settle();
            assertEquals(MembershipState.UNJOINED, h.state());
            h.mark();
            h.answerJoin(h.follower(1));
            assertEquals(MembershipState.UNJOINED, h.state());
            assertEquals(List.of(), h.requestsSinceMark(), "no SyncGroup for a generation the member gave up");
            assertEquals(-1, h.member.generationId());
        }

        @Test
        void aSyncGroupAnswerAfterAResetOnlyAsksForARejoin() {
            MemberHarness h = MemberHarness.eager().syncing();
            h.heartbeatAnswered(Errors.UNKNOWN_MEMBER_ID);
            assertEquals(MembershipState.UNJOINED, h.state());
            int wakeups = h.host.wakeups;
            h.mark();
            h.answerSync(t(0));
            assertEquals(MembershipState.UNJOINED, h.state());
            assertEquals(List.of(), h.member.owned());
            assertEquals(wakeups + 1, h.host.wakeups);
        }
    }

    @Nested
    class Joining {
        @Test
        void memberIdRequiredRejoinsAtOnceWithTheGivenId() {
            MemberHarness h = MemberHarness.eager().unjoined();
            h.poll();
            h.mark();
            h.answerJoin(JoinGroupResponse.error(Errors.MEMBER_ID_REQUIRED, "c1-id"));
            assertEquals(MembershipState.JOINING, h.state());
            assertEquals(List.of("JoinGroup"), h.requestsSinceMark());
            assertEquals("c1-id", h.lastRequest(JoinGroupRequest.class).memberId());
        }

        @Test
        void rebalanceInProgressSendsTheJoinGroupAgain() {
            MemberHarness h = MemberHarness.eager().joining();
            h.mark();
            h.answerJoin(JoinGroupResponse.error(Errors.REBALANCE_IN_PROGRESS, "c1-id"));
            assertEquals(MembershipState.JOINING, h.state());
            assertEquals(List.of("JoinGroup"), h.requestsSinceMark());
        }

        @Test
        void aFollowerTakesItsGenerationAndSendsAnEmptySyncGroup() {
            MemberHarness h = MemberHarness.eager().joining();
            h.mark();
            h.answerJoin(h.follower(7));
            assertEquals(MembershipState.SYNCING, h.state());
            assertEquals(7, h.member.generationId());
            assertEquals(List.of("SyncGroup"), h.requestsSinceMark());
            SyncGroupRequest sync = h.lastRequest(SyncGroupRequest.class);
            assertEquals(7, sync.generationId());
            assertTrue(sync.assignments().isEmpty());
            assertEquals(List.of(JOINED), h.eventsSinceMark());
            assertEquals("follower", h.eventsOf(JOINED).get(0).reason());
        }

        @Test
        void theLeaderRunsItsAssignorAndSyncsEveryMembersAssignment() {
            MemberHarness h = MemberHarness.eager().joining();
            h.mark();
            h.answerJoin(MemberHarness.leaderOf(1, "range"));
            assertEquals(MembershipState.SYNCING, h.state());
            assertEquals(List.of(JOINED, ASSIGNMENT_COMPUTED), h.eventsSinceMark());
            assertEquals(2, h.lastRequest(SyncGroupRequest.class).assignments().size());
        }

        @Test
        void unknownMemberIdResetsToUnjoinedWithoutAnId() {
            MemberHarness h = MemberHarness.eager().joining();
            h.mark();
            h.answerJoin(JoinGroupResponse.error(Errors.UNKNOWN_MEMBER_ID, "c1-id"));
            assertEquals(MembershipState.UNJOINED, h.state());
            assertEquals("", h.member.memberId());
            assertEquals(List.of(), h.requestsSinceMark(), "the JoinGroup waits for the next poll");
        }

        @Test
        void illegalGenerationResetsButKeepsTheMemberId() {
            MemberHarness h = MemberHarness.eager().joining();
            h.answerJoin(JoinGroupResponse.error(Errors.ILLEGAL_GENERATION, "c1-id"));
            assertEquals(MembershipState.UNJOINED, h.state());
            assertEquals("c1-id", h.member.memberId());
        }

        @Test
        void aCoordinatorErrorLooksForTheCoordinatorAndRetriesAtTheNextPollWithoutPreparing() {
            MemberHarness h = MemberHarness.eager().joining();
            h.mark();
            h.answerJoin(JoinGroupResponse.error(Errors.NOT_COORDINATOR, "c1-id"));
            assertEquals(MembershipState.JOIN_RETRY, h.state());
            assertEquals(List.of(COORDINATOR_UNKNOWN), h.eventsSinceMark());
            h.mark();
            h.poll();
            assertEquals(MembershipState.JOINING, h.state());
            assertEquals(List.of(JOIN_GROUP_SENT), h.eventsSinceMark(), "no second onJoinPrepare");
        }

        @Test
        void aFatalErrorFailsTheMember() {
            MemberHarness h = MemberHarness.eager().joining();
            h.mark();
            h.answerJoin(JoinGroupResponse.error(Errors.INCONSISTENT_GROUP_PROTOCOL, "c1-id"));
            assertEquals(List.of(MEMBER_FAILED), h.eventsSinceMark());
            assertEquals(ProcessState.DEAD, h.member.processState());
            assertEquals(MembershipState.UNJOINED, h.state());
        }

        @Test
        void pollWaitsForTheAnswer() {
            MemberHarness h = MemberHarness.eager().joining();
            h.mark();
            h.poll();
            assertEquals(List.of(), h.requestsSinceMark());
            assertEquals(MembershipState.JOINING, h.state());
        }

        @Test
        void anAnswerToAJoinGroupSentBeforeTheLastOneIsDropped() {
            MemberHarness h = MemberHarness.eager().joining();
            h.member.pollReturned();
            h.run(MemberHarness.MAX_POLL_MS + 1);
        h.settle();
            h.poll();
            assertEquals(MembershipState.JOINING, h.state());
            assertEquals(2, h.coordinator.joins.size());
            h.mark();
            h.answerJoin(h.follower(1));       // the first JoinGroup's
            assertEquals(MembershipState.JOINING, h.state());
            assertEquals(List.of(), h.requestsSinceMark());
            h.answerJoin(h.follower(2));       // the current one's
            assertEquals(MembershipState.SYNCING, h.state());
            assertEquals(2, h.member.generationId());
        }

        @Test
        void fencingAnswersToHeartbeatsOfTheOldGenerationAreIgnored() {
            MemberHarness h = MemberHarness.eager().stableRejoinRequested();
            h.heartbeatDue();                      // a heartbeat of generation 1 is out
            h.poll();                              // eager, no auto-commit: JoinGroup at once
            assertEquals(MembershipState.JOINING, h.state());
            h.mark();
            h.coordinator.take(h.coordinator.heartbeats).accept(Errors.ILLEGAL_GENERATION);
            h.settle();
            assertEquals(MembershipState.JOINING, h.state());
            assertEquals(List.of(), h.eventsSinceMark());
        }
    }

    @Nested
    class Syncing {
        @Test
        void noneBecomesStableAndTakesTheAssignment() {
            MemberHarness h = MemberHarness.eager().syncing();
            h.mark();
            h.answerSync(t(0), t(1));
            assertEquals(MembershipState.STABLE, h.state());
            assertEquals(List.of(SYNCED, PARTITIONS_ASSIGNED), h.eventsSinceMark());
            assertEquals(List.of(t(0), t(1)), h.member.owned());
            assertTrue(h.member.isSettled());
        }

        @Test
        void rebalanceInProgressRejoinsAtOnceKeepingWhatItOwns() {
            MemberHarness h = MemberHarness.cooperative().stableRejoinRequested();
            h.poll();                              // cooperative: nothing revoked, JoinGroup at once
            h.answerJoin(h.follower(2));
            assertEquals(MembershipState.SYNCING, h.state());
            h.mark();
            h.answerSync(Errors.REBALANCE_IN_PROGRESS);
            assertEquals(MembershipState.JOINING, h.state());
            assertEquals(List.of("JoinGroup"), h.requestsSinceMark());
            assertEquals(List.of(t(0), t(1), t(2)), h.member.owned());
            assertEquals(List.of(JOIN_GROUP_SENT), h.eventsSinceMark());
        }

        @Test
        void unknownMemberIdResetsToUnjoined() {
            MemberHarness h = MemberHarness.eager().syncing();
            h.answerSync(Errors.UNKNOWN_MEMBER_ID);
            assertEquals(MembershipState.UNJOINED, h.state());
            assertEquals("", h.member.memberId());
        }

        @Test
        void aCoordinatorErrorFailsTheSyncAndThePollRejoinsWithoutPreparing() {
            MemberHarness h = MemberHarness.eager().syncing();
            h.mark();
            h.answerSync(Errors.COORDINATOR_NOT_AVAILABLE);
            assertEquals(MembershipState.SYNC_FAILED, h.state());
            assertEquals(List.of(COORDINATOR_UNKNOWN), h.eventsSinceMark());
            h.mark();
            h.poll();
            assertEquals(MembershipState.JOINING, h.state());
            assertEquals(List.of(JOIN_GROUP_SENT), h.eventsSinceMark());
        }

        @Test
        void aHeartbeatsRebalanceInProgressIsLeftToTheSyncGroup() {
            MemberHarness h = MemberHarness.eager().syncing();
            h.mark();
            h.heartbeatAnswered(Errors.REBALANCE_IN_PROGRESS);
            assertEquals(List.of(), h.eventsSinceMark(), "no HEARTBEAT_ERROR, no rejoin of its own");
            h.answerSync(t(0));
            assertTrue(h.member.isSettled(), "the SyncGroup's NONE settles it");
        }

        @Test
        void aHeartbeatsFencingErrorResetsToUnjoined() {
            MemberHarness h = MemberHarness.eager().syncing();
            h.mark();
            h.heartbeatAnswered(Errors.ILLEGAL_GENERATION);
            assertEquals(MembershipState.UNJOINED, h.state());
            assertEquals(List.of(HEARTBEAT_ERROR), h.eventsSinceMark());
        }
    }

    @Nested
    class Stable {
        @Test
        void aHeartbeatsRebalanceInProgressRejoinsAtTheNextPoll() {
            MemberHarness h = MemberHarness.eager().stable();
            h.mark();
            h.heartbeatAnswered(Errors.REBALANCE_IN_PROGRESS);
            assertEquals(List.of(HEARTBEAT_ERROR), h.eventsSinceMark());
            assertEquals(MembershipState.STABLE, h.state());
            assertFalse(h.member.isSettled());
            h.mark();
            h.poll();
            // Eager without auto-commit: onJoinPrepare revokes everything, then the JoinGroup.
            assertEquals(MembershipState.JOINING, h.state());
            assertEquals(List.of(PARTITIONS_REVOKED, JOIN_GROUP_SENT), h.eventsSinceMark());
            assertEquals("eager-rebalance", h.eventsOf(PARTITIONS_REVOKED).get(0).reason());
        }

        @Test
        void aCooperativeRejoinKeepsItsPartitions() {
            MemberHarness h = MemberHarness.cooperative().stableRejoinRequested();
            h.mark();
            h.poll();
            assertEquals(MembershipState.JOINING, h.state());
            assertEquals(List.of(JOIN_GROUP_SENT), h.eventsSinceMark());
            assertEquals(3, h.member.owned().size());
        }

        @Test
        void anEagerRejoinWithAutoCommitStopsFetchingAndCommitsFirst() {
            MemberHarness h = MemberHarness.eagerAutoCommit().stableRejoinRequested();
            h.host.positions.put(t(0), 5L);
            h.mark();
            h.poll();
            assertEquals(MembershipState.JOIN_PREPARE_COMMIT, h.state());
            assertEquals(List.of("OffsetCommit"), h.requestsSinceMark());
            assertTrue(h.member.revokingEverything());
            assertFalse(h.member.mayFetch(t(1)));
        }

        @Test
        void pollSendsTheAutoCommitThatIsDue() {
            MemberHarness h = MemberHarness.eagerAutoCommit().stable();
            h.host.positions.put(t(1), 9L);
            h.run(5_001);                          // auto.commit.interval.ms defaults to 5 s
            h.mark();
            h.poll();
            assertEquals(List.of("OffsetCommit"), h.requestsSinceMark());
            assertEquals(9L, h.lastRequest(OffsetCommitRequest.class).offsets().get(t(1)));
            assertEquals(MembershipState.STABLE, h.state());
        }

        @Test
        void aHeartbeatsUnknownMemberIdResetsAndTheNextPollLosesThePartitions() {
            MemberHarness h = MemberHarness.eager().stable();
            h.heartbeatAnswered(Errors.UNKNOWN_MEMBER_ID);
            assertEquals(MembershipState.UNJOINED, h.state());
            assertEquals(3, h.member.owned().size(), "lost only at the next poll (onJoinPrepare)");
            h.mark();
            h.poll();
            assertEquals(List.of(PARTITIONS_LOST, JOIN_GROUP_SENT), h.eventsSinceMark());
            assertEquals("generation-reset", h.eventsOf(PARTITIONS_LOST).get(0).reason());
        }

        @Test
        void fencedInstanceIdFailsTheMember() {
            MemberHarness h = MemberHarness.eager().stable();
            h.mark();
            h.heartbeatAnswered(Errors.FENCED_INSTANCE_ID);
            assertEquals(List.of(HEARTBEAT_ERROR, MEMBER_FAILED, PARTITIONS_LOST), h.eventsSinceMark());
            assertEquals(ProcessState.DEAD, h.member.processState());
        }

        @Test
        void aHeartbeatsCoordinatorErrorKeepsTheMembershipAndLooksForTheCoordinator() {
            MemberHarness h = MemberHarness.eager().stable();
            h.mark();
            h.heartbeatAnswered(Errors.NOT_COORDINATOR);
            assertEquals(List.of(HEARTBEAT_ERROR, COORDINATOR_UNKNOWN), h.eventsSinceMark());
            assertEquals(MembershipState.STABLE, h.state());
            assertEquals(3, h.member.owned().size());
        }

        @Test
        void theLeaderRejoinsWhenItsMetadataShowsAddedPartitions() {
            MemberHarness h = MemberHarness.eager().joining();
            h.answerJoin(MemberHarness.leaderOf(1, "range"));
            h.answerSync(t(0), t(1), t(2));
            h.mark();
            h.member.refreshMetadata();
            assertEquals(List.of(), h.eventsSinceMark(), "nothing changed");
            h.cluster.setPartitionCount("t", 8);
            h.member.refreshMetadata();
            assertEquals(List.of(METADATA_CHANGED), h.eventsSinceMark());
            assertTrue(h.member.membership().rejoinNeeded());
        }

        @Test
        void aFollowerIgnoresAddedPartitions() {
            MemberHarness h = MemberHarness.eager().stable();
            h.cluster.setPartitionCount("t", 8);
            h.mark();
            h.member.refreshMetadata();
            assertEquals(List.of(), h.eventsSinceMark());
        }

        @Test
        void stopCommitsThenRevokesLeavesAndEnds() {
            MemberHarness h = MemberHarness.eagerAutoCommit().stable();
            h.host.positions.put(t(0), 3L);
            h.mark();
            h.member.stop();
            h.settle();
            assertEquals(ProcessState.CLOSING, h.member.processState());
            assertEquals(List.of("OffsetCommit"), h.requestsSinceMark());
            h.answerCommit(Errors.NONE);
            assertEquals(List.of("OffsetCommit", "LeaveGroup"), h.requestsSinceMark());
            assertEquals(List.of(MEMBER_STOPPED, PARTITIONS_REVOKED, LEAVE_GROUP_SENT), h.eventsSinceMark());
            assertEquals(ProcessState.DEAD, h.member.processState());
            assertEquals(MembershipState.UNJOINED, h.state());
        }

        @Test
        void aStaticMemberClosesWithoutLeaveGroup() {
            MemberHarness h = new MemberHarness("range", false, true).stable();
            h.mark();
            h.member.stop();
            h.settle();
            assertEquals(List.of(), h.requestsSinceMark());
            assertEquals(List.of(MEMBER_STOPPED, PARTITIONS_REVOKED), h.eventsSinceMark());
        }
    }

    @Nested
    class JoinPrepareCommit {
        @Test
        void theCommitsAnswerRevokesEverythingAndWaitsForThePoll() {
            MemberHarness h = MemberHarness.eagerAutoCommit().joinPrepareCommit();
            int wakeups = h.host.wakeups;
            h.mark();
            h.answerCommit(Errors.NONE);
            assertEquals(MembershipState.JOIN_PREPARED, h.state());
            assertEquals(List.of(PARTITIONS_REVOKED), h.eventsSinceMark());
            assertEquals(List.of(), h.requestsSinceMark());
            assertEquals(wakeups + 1, h.host.wakeups);
        }

        @Test
        void aFailedCommitStillLetsTheJoinGoOn() {
            MemberHarness h = MemberHarness.eagerAutoCommit().joinPrepareCommit();
            h.mark();
            h.answerCommit(Errors.REBALANCE_IN_PROGRESS);
            assertEquals(MembershipState.JOIN_PREPARED, h.state());
            assertEquals(List.of(COMMIT_FAILED, PARTITIONS_REVOKED), h.eventsSinceMark());
        }

        @Test
        void pollWaitsForTheCommit() {
            MemberHarness h = MemberHarness.eagerAutoCommit().joinPrepareCommit();
            h.mark();
            h.poll();
            assertEquals(List.of(), h.requestsSinceMark());
            assertEquals(MembershipState.JOIN_PREPARE_COMMIT, h.state());
        }

        @Test
        void aHeartbeatsRebalanceInProgressIsSeenAsInStable() {
            MemberHarness h = MemberHarness.eagerAutoCommit().joinPrepareCommit();
            h.mark();
            h.heartbeatAnswered(Errors.REBALANCE_IN_PROGRESS);
            assertEquals(List.of(HEARTBEAT_ERROR), h.eventsSinceMark());
            assertEquals(MembershipState.JOIN_PREPARE_COMMIT, h.state());
        }

        @Test
        void theCommitsAnswerAfterAFencingIsStale() {
            MemberHarness h = MemberHarness.eagerAutoCommit().joinPrepareCommit();
            h.heartbeatAnswered(Errors.UNKNOWN_MEMBER_ID);
            assertEquals(MembershipState.UNJOINED, h.state());
            h.mark();
            h.answerCommit(Errors.UNKNOWN_MEMBER_ID);
            assertEquals(MembershipState.UNJOINED, h.state());
            assertEquals(List.of(COMMIT_FAILED), h.eventsSinceMark(), "no eager revocation for a reset member");
        }

        @Test
        void theCommitsAnswerDuringACloseLeavesTheRevocationToTheClose() {
            MemberHarness h = MemberHarness.eagerAutoCommit().joinPrepareCommit();
            h.mark();
            h.member.stop();                       // close commits first: a second OffsetCommit
            h.settle();
            h.answerCommit(Errors.NONE);           // onJoinPrepare's: ignored, the member is closing
            assertEquals(List.of(MEMBER_STOPPED), h.eventsSinceMark());
            h.answerCommit(Errors.NONE);           // close's: revoke, leave
            assertEquals(List.of(MEMBER_STOPPED, PARTITIONS_REVOKED, LEAVE_GROUP_SENT), h.eventsSinceMark());
            assertEquals("close", h.eventsOf(PARTITIONS_REVOKED).get(0).reason());
        }
    }

    @Nested
    class JoinPrepared {
        @Test
        void pollSendsTheJoinGroup() {
            MemberHarness h = MemberHarness.eagerAutoCommit().joinPrepared();
            h.mark();
            h.poll();
            assertEquals(MembershipState.JOINING, h.state());
            assertEquals(List.of("JoinGroup"), h.requestsSinceMark());
            assertEquals(List.of(JOIN_GROUP_SENT), h.eventsSinceMark());
        }
    }

    @Nested
    class JoinRetry {
        @Test
        void pollBeforeTheCoordinatorIsFoundAgainSendsNothing() {
            MemberHarness h = MemberHarness.eager().joining();
            h.coordinator.available = false;
            h.answerJoin(JoinGroupResponse.error(Errors.COORDINATOR_NOT_AVAILABLE, "c1-id"));
            h.mark();
            h.poll();
            assertEquals(MembershipState.JOIN_RETRY, h.state());
            assertEquals(List.of(), h.requestsSinceMark());
        }
    }

    @Nested
    class SyncFailed {
        @Test
        void anAssignorFailureIsThrownOutOfTheNextPoll() {
            MemberHarness h = MemberHarness.eager().syncing();
            // Drive the one transition the assignor's failure makes, as onLeaderElected does.
            h.member.membership().transitionTo(MembershipState.SYNC_FAILED, "test: the assignor threw");
            assertEquals(MembershipState.SYNC_FAILED, h.state());
            h.mark();
            h.heartbeatDue();
            assertEquals(List.of("Heartbeat"), h.requestsSinceMark(), "heartbeats go on in COMPLETING_REBALANCE");
        }
    }

    @Nested
    class Process {
        @Test
        void aStartDuringACloseRestartsOnceTheCloseIsDone() {
            MemberHarness h = MemberHarness.eagerAutoCommit().stable();
            h.host.positions.put(t(0), 3L);
            h.member.stop();
            h.member.start();
            assertEquals(ProcessState.CLOSING_THEN_RESTART, h.member.processState());
            h.settle();
            h.mark();
            h.answerCommit(Errors.NONE);
            assertEquals(ProcessState.RUNNING, h.member.processState());
            assertEquals(List.of(PARTITIONS_REVOKED, LEAVE_GROUP_SENT, MEMBER_STARTED), h.eventsSinceMark());
        }

        @Test
        void aStopAfterThatStartCancelsTheRestart() {
            MemberHarness h = MemberHarness.eagerAutoCommit().stable();
            h.host.positions.put(t(0), 3L);
            h.member.stop();
            h.member.start();
            h.member.stop();
            assertEquals(ProcessState.CLOSING, h.member.processState());
            h.settle();
            h.answerCommit(Errors.NONE);
            assertEquals(ProcessState.DEAD, h.member.processState());
        }

        @Test
        void aCrashDuringTheCloseDoesNotRestart() {
            MemberHarness h = MemberHarness.eagerAutoCommit().stable();
            h.host.positions.put(t(0), 3L);
            h.member.stop();
            h.member.start();
            h.member.crash();
            h.run(60_000);
            assertEquals(ProcessState.DEAD, h.member.processState());
        }

        @Test
        void anAnswerToAnEarlierProcessIsDropped() {
            MemberHarness h = MemberHarness.eager().joining();
            h.member.crash();
            h.member.start();
            h.settle();
            h.mark();
            h.answerJoin(h.follower(1));
            assertEquals(MembershipState.UNJOINED, h.state());
            assertEquals(List.of(), h.eventsSinceMark());
        }
    }

    @Nested
    class IllegalTransitions {
        @Test
        void anIllegalMembershipMoveThrowsWithTheSeedAndTime() {
            MemberHarness h = MemberHarness.eager().unjoined();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> h.member.membership().transitionTo(MembershipState.STABLE, "test"));
            assertTrue(e.getMessage().contains("seed 42"), e.getMessage());
            assertTrue(e.getMessage().contains("(" + h.sim.now() + " us)"), e.getMessage());
            assertTrue(e.getMessage().contains("g/c1 from UNJOINED to STABLE"), e.getMessage());
            assertEquals(MembershipState.UNJOINED, h.state(), "the state is left as it was");
        }

        @Test
        void onlyAJoinGroupAnswerLeadsToSyncingAndOnlyASyncGroupAnswerToStable() {
            for (MembershipState from : MembershipState.values()) {
                assertEquals(from == MembershipState.JOINING, MembershipState.SYNCING.canFollow(from), "SYNCING after " + from);
                assertEquals(from == MembershipState.SYNCING, MembershipState.STABLE.canFollow(from), "STABLE after " + from);
                assertTrue(MembershipState.UNJOINED.canFollow(from), "any state may be reset");
            }
            assertFalse(MembershipState.JOINING.canFollow(MembershipState.JOIN_PREPARE_COMMIT), "the JoinGroup waits for the commit");
        }

        @Test
        void eachStateMapsToKafkasClientState() {
            Function<MembershipState, MemberState> k = MembershipState::kafkaState;
            assertEquals(MemberState.UNJOINED, k.apply(MembershipState.UNJOINED));
            assertEquals(MemberState.STABLE, k.apply(MembershipState.JOIN_PREPARE_COMMIT));
            assertEquals(MemberState.STABLE, k.apply(MembershipState.JOIN_PREPARED));
            assertEquals(MemberState.PREPARING_REBALANCE, k.apply(MembershipState.JOINING));
            assertEquals(MemberState.PREPARING_REBALANCE, k.apply(MembershipState.JOIN_RETRY));
            assertEquals(MemberState.COMPLETING_REBALANCE, k.apply(MembershipState.SYNCING));
            assertEquals(MemberState.COMPLETING_REBALANCE, k.apply(MembershipState.SYNC_FAILED));
            assertEquals(MemberState.STABLE, k.apply(MembershipState.STABLE));
        }
    }
}
