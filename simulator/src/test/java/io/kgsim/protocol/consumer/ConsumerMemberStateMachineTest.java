package io.kgsim.protocol.consumer;

import static io.kgsim.protocol.GroupEventType.COORDINATOR_UNKNOWN;
import static io.kgsim.protocol.GroupEventType.HEARTBEAT_ERROR;
import static io.kgsim.protocol.GroupEventType.LEAVE_GROUP_SENT;
import static io.kgsim.protocol.GroupEventType.MEMBER_CRASHED;
import static io.kgsim.protocol.GroupEventType.MEMBER_FAILED;
import static io.kgsim.protocol.GroupEventType.PARTITIONS_LOST;
import static io.kgsim.protocol.GroupEventType.POLL_TIMEOUT;
import static io.kgsim.protocol.consumer.ConsumerMemberHarness.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.ProcessState;
import io.kgsim.scenario.GroupProtocol;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The consumer-protocol member's state machine driven input by input: each state is reached
 * through the member's public inputs and a scripted coordinator, then one input is applied and
 * the next state, the heartbeats sent and the events emitted are checked against the state's
 * behaviour table ({@link ConsumerMemberState}). PREPARE_LEAVING and LEAVING last no virtual
 * time (the leave heartbeat is built as they are entered), so they are checked through what
 * passes through them.
 */
class ConsumerMemberStateMachineTest {
    /** The states a member rests in. */
    private static final Set<ConsumerMemberState> RESTING = EnumSet.complementOf(
            EnumSet.of(ConsumerMemberState.PREPARE_LEAVING, ConsumerMemberState.LEAVING));
    /** The states whose members are in the group and heartbeat. */
    private static final Set<ConsumerMemberState> IN_GROUP = EnumSet.of(ConsumerMemberState.JOINING, ConsumerMemberState.RECONCILING,
            ConsumerMemberState.ACKNOWLEDGING, ConsumerMemberState.STABLE);

    private ConsumerMemberHarness last;

    private ConsumerMemberHarness in(ConsumerMemberState state) {
        ConsumerMemberHarness h = ConsumerMemberHarness.dynamic();
        last = h;
        return switch (state) {
            case UNSUBSCRIBED -> h.unsubscribed();
            case JOINING -> h.joining();
            case RECONCILING -> h.reconciling();
            case ACKNOWLEDGING -> h.acknowledging();
            case STABLE -> h.stable();
            case FENCED -> h.fenced();
            case STALE -> h.stale();
            case FATAL -> h.fatal();
            case PREPARE_LEAVING, LEAVING -> throw new IllegalArgumentException(state + " lasts no time");
        };
    }

    @AfterEach
    void noClassicOnlyEvent() {
        if (last != null) {
            for (GroupEvent e : last.events) {
                assertNotEquals(GroupProtocol.CLASSIC, e.type().onlyIn(), e.type() + " is a classic-only event");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ConsumerMemberState.class, names = {"PREPARE_LEAVING", "LEAVING"}, mode = EnumSource.Mode.EXCLUDE)
    void eachRestingStateIsReachedThroughTheMembersInputs(ConsumerMemberState state) {
        assertEquals(state, in(state).state());
    }

    @Test
    void theValidPreviousStatesAreTheJavaClients() {
        assertTrue(ConsumerMemberState.ACKNOWLEDGING.canFollow(ConsumerMemberState.RECONCILING));
        assertFalse(ConsumerMemberState.ACKNOWLEDGING.canFollow(ConsumerMemberState.STABLE));
        assertFalse(ConsumerMemberState.JOINING.canFollow(ConsumerMemberState.STABLE), "a member in the group never rejoins without leaving");
        assertTrue(ConsumerMemberState.STALE.canFollow(ConsumerMemberState.LEAVING));
        assertFalse(ConsumerMemberState.STALE.canFollow(ConsumerMemberState.STABLE));
        assertFalse(ConsumerMemberState.FATAL.canFollow(ConsumerMemberState.FENCED));
        assertTrue(ConsumerMemberState.FATAL.canFollow(ConsumerMemberState.LEAVING));
    }

    @Test
    void anIllegalMoveFailsLoudlyWithSeedAndVirtualTime() {
        ConsumerMemberHarness h = in(ConsumerMemberState.STABLE);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> h.member.membership().transitionTo(ConsumerMemberState.ACKNOWLEDGING, "test"));
        assertTrue(e.getMessage().contains("seed 42") && e.getMessage().contains("from STABLE to ACKNOWLEDGING"), e.getMessage());
        assertTrue(e.getMessage().contains(h.sim.now() + " us"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = ConsumerMemberState.class, names = {"PREPARE_LEAVING", "LEAVING"}, mode = EnumSource.Mode.EXCLUDE)
    void aRegularHeartbeatGoesOutExactlyInTheStatesThatHeartbeatWithNoneInFlight(ConsumerMemberState state) {
        ConsumerMemberHarness h = in(state);
        h.mark();
        h.run(ConsumerMemberHarness.HEARTBEAT_MS + 1);
        // JOINING and ACKNOWLEDGING have one in flight: at most one at a time.
        boolean expected = state == ConsumerMemberState.RECONCILING || state == ConsumerMemberState.STABLE;
        assertEquals(expected ? 1 : 0, h.heartbeatsSinceMark().size(), state + " sent " + h.heartbeatsSinceMark());
        assertEquals(state, h.state());
    }

    @ParameterizedTest
    @EnumSource(value = ConsumerMemberState.class, names = {"PREPARE_LEAVING", "LEAVING"}, mode = EnumSource.Mode.EXCLUDE)
    void pollMovesExactlyWhereTheTableSays(ConsumerMemberState state) {
        ConsumerMemberHarness h = in(state);
        String id = h.member.memberId();
        h.mark();
        h.poll();
        switch (state) {
            case UNSUBSCRIBED, FENCED, STALE -> {
                assertEquals(ConsumerMemberState.JOINING, h.state());
                ConsumerGroupHeartbeatRequest join = h.lastHeartbeat();
                assertEquals(List.of("ConsumerGroupHeartbeat"), h.requestsSinceMark());
                assertEquals(0, join.memberEpoch());
                assertEquals(id, join.memberId(), "a rejoin keeps the member id");
                assertTrue(join.isFull(), "a join carries every field");
                assertEquals(List.of(), join.ownedTopicPartitions());
                assertEquals("rack-a", join.rackId());
                assertEquals(ConsumerMemberHarness.MAX_POLL_MS, join.rebalanceTimeoutMs());
            }
            case RECONCILING -> {
                // Reconciled at once (no auto-commit): assigned, then the acknowledgement goes out.
                assertEquals(ConsumerMemberState.STABLE, h.state());
                assertEquals(List.of(t(0), t(1), t(2)), h.member.owned());
                assertEquals(List.of(t(0), t(1), t(2)), h.lastHeartbeat().ownedTopicPartitions());
            }
            case FATAL -> {
                assertEquals(ProcessState.DEAD, h.member.processState());
                assertEquals(List.of(MEMBER_FAILED), h.eventsSinceMark());
                assertTrue(h.eventsOf(MEMBER_FAILED).get(0).reason().startsWith("UNRELEASED_INSTANCE_ID"));
            }
            default -> {
                assertEquals(state, h.state());
                assertEquals(List.of(), h.requestsSinceMark());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ConsumerMemberState.class, names = {"PREPARE_LEAVING", "LEAVING"}, mode = EnumSource.Mode.EXCLUDE)
    void stopRevokesOrLosesEverythingAndLeavesOnlyFromTheGroup(ConsumerMemberState state) {
        ConsumerMemberHarness h = in(state);
        boolean owned = !h.member.owned().isEmpty();
        h.mark();
        h.member.stop();
        h.settle();
        assertEquals(ProcessState.DEAD, h.member.processState());
        assertEquals(List.of(), h.member.owned());
        boolean leaves = IN_GROUP.contains(state);
        assertEquals(leaves ? List.of("Leave") : List.of(), h.requestsSinceMark());
        if (leaves) {
            assertEquals(-1, h.lastHeartbeat().memberEpoch());
            assertEquals(1, h.eventsOf(LEAVE_GROUP_SENT).size());
            assertEquals(ConsumerMemberState.UNSUBSCRIBED, h.state());
        }
        if (owned) {
            assertEquals(1, h.eventsOf(io.kgsim.protocol.GroupEventType.PARTITIONS_REVOKED).size(), "epoch above 0: revoked, not lost");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ConsumerMemberState.class, names = {"PREPARE_LEAVING", "LEAVING"}, mode = EnumSource.Mode.EXCLUDE)
    void aCrashSendsNothingAndLosesEverything(ConsumerMemberState state) {
        ConsumerMemberHarness h = in(state);
        boolean owned = !h.member.owned().isEmpty();
        h.mark();
        h.member.crash();
        h.run(120_000);
        assertEquals(ProcessState.DEAD, h.member.processState());
        assertEquals(List.of(), h.requestsSinceMark(), "a dead process sends nothing");
        assertEquals(owned ? List.of(MEMBER_CRASHED, PARTITIONS_LOST) : List.of(MEMBER_CRASHED), h.eventsSinceMark());
    }

    @ParameterizedTest
    @EnumSource(value = ConsumerMemberState.class, names = {"PREPARE_LEAVING", "LEAVING"}, mode = EnumSource.Mode.EXCLUDE)
    void aPollTimeoutLeavesAndGoesStaleFromEveryStateInTheGroup(ConsumerMemberState state) {
        ConsumerMemberHarness h = in(state);
        h.coordinator.autoAnswerEpoch = Math.max(0, h.member.memberEpoch());
        String id = h.member.memberId();
        h.mark();
        h.member.pollReturned();
        h.run(ConsumerMemberHarness.MAX_POLL_MS + 10);
        if (!IN_GROUP.contains(state)) {
            assertEquals(List.of(), h.eventsOf(POLL_TIMEOUT));
            assertEquals(state == ConsumerMemberState.FATAL ? ConsumerMemberState.FATAL : state, h.state());
            return;
        }
        assertEquals(1, h.eventsOf(POLL_TIMEOUT).size());
        assertEquals(ConsumerMemberState.STALE, h.state());
        assertTrue(h.requestsSinceMark().contains("Leave"), h.requestsSinceMark().toString());
        assertEquals(List.of(), h.member.owned());
        assertFalse(h.member.inGroup());
        // The next poll rejoins with the same id at epoch 0.
        h.coordinator.autoAnswerEpoch = -1;
        h.poll();
        assertEquals(ConsumerMemberState.JOINING, h.state());
        assertEquals(id, h.lastHeartbeat().memberId());
        assertEquals(0, h.lastHeartbeat().memberEpoch());
    }

    @ParameterizedTest
    @EnumSource(value = ConsumerMemberState.class, names = {"JOINING", "RECONCILING", "ACKNOWLEDGING", "STABLE"})
    void fencingLosesEverythingAndRejoinsAtEpochZeroWithTheSameIdAfterThePoll(ConsumerMemberState state) {
        for (Errors error : List.of(Errors.FENCED_MEMBER_EPOCH, Errors.UNKNOWN_MEMBER_ID)) {
            ConsumerMemberHarness h = in(state);
            if (state == ConsumerMemberState.RECONCILING || state == ConsumerMemberState.STABLE) {
                h.heartbeatDue();
            }
            String id = h.member.memberId();
            h.mark();
            h.answer(error);
            assertEquals(ConsumerMemberState.FENCED, h.state());
            assertEquals(0, h.member.memberEpoch());
            assertEquals(List.of(), h.member.owned());
            assertEquals(HEARTBEAT_ERROR, h.eventsSinceMark().get(0));
            h.run(ConsumerMemberHarness.HEARTBEAT_MS * 3);
            assertEquals(List.of(), h.heartbeatsSinceMark(), "a fenced member waits for the application's poll");
            h.poll();
            assertEquals(ConsumerMemberState.JOINING, h.state());
            assertEquals(id, h.lastHeartbeat().memberId());
            assertEquals(0, h.lastHeartbeat().memberEpoch());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Errors.class, names = {"UNRELEASED_INSTANCE_ID", "FENCED_INSTANCE_ID", "GROUP_MAX_SIZE_REACHED",
            "UNSUPPORTED_ASSIGNOR", "INVALID_REQUEST", "UNKNOWN_SERVER_ERROR"})
    void fatalErrorsStopTheApplicationAtItsNextPoll(Errors error) {
        ConsumerMemberHarness h = in(ConsumerMemberState.STABLE);
        h.heartbeatDue();
        h.mark();
        h.answer(error);
        assertEquals(ConsumerMemberState.FATAL, h.state());
        assertEquals(List.of(), h.member.owned());
        h.run(ConsumerMemberHarness.HEARTBEAT_MS * 3);
        assertEquals(List.of(), h.heartbeatsSinceMark(), "no heartbeat after a fatal error");
        h.poll();
        assertEquals(ProcessState.DEAD, h.member.processState());
        assertEquals(1, h.eventsOf(MEMBER_FAILED).size());
    }

    @ParameterizedTest
    @EnumSource(value = ConsumerMemberState.class, names = {"RECONCILING", "STABLE"})
    void aCoordinatorErrorKeepsTheStateAndTheNextHeartbeatCarriesEveryField(ConsumerMemberState state) {
        ConsumerMemberHarness h = in(state);
        h.heartbeatDue();
        h.mark();
        h.answer(Errors.NOT_COORDINATOR);
        assertEquals(List.of(HEARTBEAT_ERROR, COORDINATOR_UNKNOWN), h.eventsSinceMark());
        assertEquals(state, h.state());
        h.run(ConsumerMemberHarness.HEARTBEAT_MS);
        ConsumerGroupHeartbeatRequest next = h.lastHeartbeat();
        assertTrue(next.isFull(), "after an error every field is sent again: " + next);
        assertEquals(1, next.memberEpoch());
    }

    @ParameterizedTest
    @EnumSource(value = ConsumerMemberState.class, names = {"PREPARE_LEAVING", "LEAVING"}, mode = EnumSource.Mode.EXCLUDE)
    void aFreezeHoldsEveryHeartbeatUntilItEnds(ConsumerMemberState state) {
        ConsumerMemberHarness h = in(state);
        h.mark();
        h.member.freeze(h.sim.now() + 20_000_000L);
        h.run(19_000);
        assertEquals(List.of(), h.requestsSinceMark(), "nothing leaves a frozen process");
        assertEquals(state, h.state());
    }

    @ParameterizedTest
    @EnumSource(value = ConsumerMemberState.class, names = {"RECONCILING", "STABLE"})
    void aSubscriptionChangeGoesOutWithTheNextRegularHeartbeatOnly(ConsumerMemberState state) {
        ConsumerMemberHarness h = in(state);
        h.mark();
        h.member.subscribe(List.of("t", "u"));
        assertEquals(List.of(), h.requestsSinceMark(), "no heartbeat just for a subscription");
        h.heartbeatDue();
        assertEquals(List.of("t", "u"), h.lastHeartbeat().subscribedTopicNames());
        assertEquals(state, h.state());
    }

    @Test
    void anAnswerToAHeartbeatSentBeforeAFenceIsDropped() {
        ConsumerMemberHarness h = in(ConsumerMemberState.STABLE);
        h.heartbeatDue();
        h.heartbeatDue();   // none goes: one is in flight
        assertEquals(1, h.coordinator.heartbeats.size());
        h.answer(Errors.UNKNOWN_MEMBER_ID);
        h.poll();           // rejoins: a new round
        h.mark();
        h.answer(7, t(5));  // the join's answer
        assertEquals(7, h.member.memberEpoch());
        assertEquals(ConsumerMemberState.RECONCILING, h.state());
    }

    @Test
    void theMemberIdIsAKafkaUuidFromTheSeedKeptAcrossRejoinsAndNewForEachProcess() {
        ConsumerMemberHarness h = in(ConsumerMemberState.FENCED);
        String id = h.member.memberId();
        assertEquals(22, id.length(), id);
        assertEquals(id, org.apache.kafka.common.Uuid.fromString(id).toString());
        assertEquals(id, in(ConsumerMemberState.STABLE).member.memberId(), "same seed, group and name: same id");
        h.poll();
        assertEquals(id, h.member.memberId());
        h.member.crash();
        h.member.start();
        assertNotEquals(id, h.member.memberId(), "a new process is a new consumer");
        assertEquals(ConsumerMemberState.UNSUBSCRIBED, h.state());
    }

    @Test
    void aStaticMemberLeavesWithEpochMinusTwo() {
        ConsumerMemberHarness h = ConsumerMemberHarness.staticMember().stable();
        last = h;
        assertEquals("c1", h.lastHeartbeat().instanceId());
        h.member.stop();
        h.settle();
        assertEquals(-2, h.lastHeartbeat().memberEpoch());
    }

    @Test
    void membersAnswersDescribeTheirEpochAndSettling() {
        ConsumerMemberHarness h = in(ConsumerMemberState.RECONCILING);
        assertEquals(1, h.member.epoch().memberEpoch());
        assertEquals(-1, h.member.epoch().groupEpoch());
        assertTrue(h.member.inGroup());
        assertFalse(h.member.isSettled(), "a target not reconciled yet");
        h.poll();
        assertEquals(ConsumerMemberState.STABLE, h.state(), "STABLE once the acknowledgement is built");
        assertTrue(h.member.isSettled());
        assertEquals(org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol.COOPERATIVE, h.member.rebalanceProtocol());
        assertNull(ConsumerMemberHarness.dynamic().member.rebalanceProtocol(), "none before the first start");
    }
}
