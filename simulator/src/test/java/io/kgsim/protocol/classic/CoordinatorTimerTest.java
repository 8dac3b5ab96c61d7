package io.kgsim.protocol.classic;

import static io.kgsim.protocol.classic.CoordinatorDriver.INITIAL_DELAY_MS;
import static io.kgsim.protocol.classic.CoordinatorDriver.RANGE;
import static io.kgsim.protocol.classic.CoordinatorDriver.REBALANCE_MS;
import static io.kgsim.protocol.classic.CoordinatorDriver.SESSION_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.engine.Durations;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.classic.CoordinatorDriver.Reply;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's timers, driven in virtual time without a scenario: session expiry, the
 * join phase's deadline and the initial delay, pending-sync expiry, the new-member and
 * pending-member join deadlines, and what a crash and a load do to them.
 */
class CoordinatorTimerTest {
    private static final int HEARTBEAT_MS = 3_000;

    private final CoordinatorDriver d = new CoordinatorDriver();

    /** Heartbeats every {@link #HEARTBEAT_MS} from each of {@code members} for {@code ms}, at the generation each is in. */
    private void heartbeatFor(long ms, int generation, String... members) {
        for (long t = 0; t < ms; t += HEARTBEAT_MS) {
            d.advanceMs(Math.min(HEARTBEAT_MS, ms - t));
            for (String m : members) {
                if (d.coordinator.hasMember(CoordinatorDriver.GROUP, m)) {
                    d.heartbeat(m, generation);
                }
            }
        }
    }

    private long removedAtUs(String client) {
        return d.events(GroupEventType.MEMBER_REMOVED).stream().filter(e -> e.member().equals(client)).findFirst().orElseThrow().timeUs();
    }

    // ---------------------------------------------------------------- session expiry

    @Test
    void aMemberThatStopsHeartbeatingIsRemovedWhenItsSessionTimesOut() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        long stableAt = d.sim.now();
        heartbeatFor(SESSION_MS + HEARTBEAT_MS, 1, ids.get("c1"));
        assertEquals(List.of("c2:session-timeout"), d.removals());
        assertEquals(stableAt + Durations.ms(SESSION_MS), removedAtUs("c2"), "a full session after its JoinGroup was answered");
        List<GroupEvent> started = d.events(GroupEventType.REBALANCE_STARTED);
        assertEquals("removing member c2 on heartbeat expiration", started.get(started.size() - 1).reason());
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, d.state());
    }

    @Test
    void aHeartbeatDuringPreparingRebalanceStillKeepsTheSessionAlive() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        d.join(ids.get("c1"), "c1");
        d.advanceMs(8_000);
        long lastHeartbeat = d.sim.now();
        assertEquals(Errors.REBALANCE_IN_PROGRESS, d.heartbeat(ids.get("c2"), 1));
        d.advanceMs(SESSION_MS - 1);
        assertEquals(List.of(), d.removals(), "the heartbeat re-armed the session");
        d.advanceMs(1);
        assertEquals(List.of("c2:session-timeout"), d.removals());
        assertEquals(lastHeartbeat + Durations.ms(SESSION_MS), removedAtUs("c2"));
        // c1, parked in JoinGroup, cannot heartbeat and is kept; it was the only one left, so the join completes.
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, d.state());
        assertEquals(2, d.generation());
    }

    // ---------------------------------------------------------------- join phase and initial delay

    @Test
    void aMemberThatDoesNotRejoinWithinTheRebalanceTimeoutIsDroppedWhenTheJoinPhaseEnds() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        Reply<JoinGroupResponse> leader = d.join(ids.get("c1"), "c1");
        long startedAt = d.sim.now();
        heartbeatFor(REBALANCE_MS - HEARTBEAT_MS, 1, ids.get("c2"));
        assertTrue(leader.parked());
        d.advanceMs(HEARTBEAT_MS);
        assertEquals(List.of("c2:rebalance-timeout"), d.removals());
        assertEquals(startedAt + Durations.ms(REBALANCE_MS), removedAtUs("c2"));
        JoinGroupResponse r = leader.only();
        assertEquals(2, r.generationId());
        assertEquals(1, r.members().size());
    }

    @Test
    void aStaticMemberThatDoesNotRejoinIsWaitedForAnotherRebalanceTimeout() {
        Map<String, String> ids = d.stableGroup(true, "c1", "c2");
        d.join(ids.get("c1"), "c1", "ic1", RANGE);
        d.leave(ids.get("c1"), "ic1", "bye");
        // Only c2 is left and has not rejoined: static members keep their place past the deadline.
        heartbeatFor(2L * REBALANCE_MS, 1, ids.get("c2"));
        assertEquals(List.of("c1:left"), d.removals());
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, d.state());
        Reply<JoinGroupResponse> back = d.join(ids.get("c2"), "c2", "ic2", RANGE);
        assertEquals(2, back.only().generationId());
    }

    @Test
    void aSingleMemberWaitsOneInitialDelay() {
        Reply<JoinGroupResponse> r = d.join(d.newMemberId("c1"), "c1");
        d.advanceMs(INITIAL_DELAY_MS - 1);
        assertTrue(r.parked());
        d.advanceMs(1);
        assertEquals(1, r.only().generationId());
    }

    @Test
    void aMemberAddedDuringTheInitialDelayExtendsItByAnotherDelay() {
        Reply<JoinGroupResponse> first = d.join(d.newMemberId("c1"), "c1");
        d.advanceMs(1_000);
        Reply<JoinGroupResponse> second = d.join(d.newMemberId("c2"), "c2");
        d.advanceMs(2 * INITIAL_DELAY_MS - 1_000 - 1);
        assertTrue(first.parked() && second.parked(), "c2 arrived in the first delay: a second one follows");
        d.advanceMs(1);
        assertEquals(Durations.ms(2 * INITIAL_DELAY_MS), d.sim.now());
        assertEquals(1, first.only().generationId());
        assertEquals(2, first.only().members().size());
    }

    @Test
    void theInitialDelayIsNeverExtendedPastTheRebalanceTimeout() {
        int rebalanceMs = 4_000;
        Reply<JoinGroupResponse> first = d.join(d.newMemberId("c1"), "c1", null, SESSION_MS, rebalanceMs, RANGE);
        d.join(d.newMemberId("c2"), "c2", null, SESSION_MS, rebalanceMs, RANGE);
        d.advanceMs(rebalanceMs - 1);
        assertTrue(first.parked());
        d.advanceMs(1);
        assertEquals(1, first.only().generationId(), "extended by what was left of the rebalance timeout (1 s), not a whole delay");
    }

    // ---------------------------------------------------------------- pending sync

    @Test
    void aMemberThatNeverSendsSyncGroupIsRemovedAfterTheRebalanceTimeout() {
        Map<String, JoinGroupResponse> answers = d.completingGroup(false, "c1", "c2");
        String c1 = answers.get("c1").memberId();
        String c2 = answers.get("c2").memberId();
        long joinCompletedAt = d.sim.now();
        d.sync(c1, null, 1, Map.of());
        assertEquals(ClassicGroupState.STABLE, d.state());
        heartbeatFor(REBALANCE_MS, 1, c1, c2);
        assertEquals(List.of("c2:sync-timeout"), d.removals(), "it heartbeats, but never asked for its assignment");
        List<GroupEvent> started = d.events(GroupEventType.REBALANCE_STARTED);
        assertEquals("removing members on pending sync request expiration", started.get(started.size() - 1).reason());
        assertEquals(joinCompletedAt + Durations.ms(REBALANCE_MS), removedAtUs("c2"));
    }

    @Test
    void noPendingSyncExpiryOnceEveryMemberSynced() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        heartbeatFor(2L * REBALANCE_MS, 1, ids.get("c1"), ids.get("c2"));
        assertEquals(List.of(), d.removals());
        assertEquals(ClassicGroupState.STABLE, d.state());
    }

    // ---------------------------------------------------------------- new and pending members

    @Test
    void aNewMemberThatIsNotThroughItsFirstJoinPhaseExpiresOnTheNewMemberTimeout() {
        int longRebalanceMs = 600_000;
        String c1 = d.newMemberId("c1");
        d.join(c1, "c1", null, SESSION_MS, longRebalanceMs, RANGE);
        d.advanceMs(INITIAL_DELAY_MS);
        d.sync(c1, null, 1, Map.of());
        String c2 = d.newMemberId("c2");
        Reply<JoinGroupResponse> newcomer = d.join(c2, "c2", null, SESSION_MS, longRebalanceMs, RANGE);
        long addedAt = d.sim.now();
        // c1 never rejoins: the join phase waits for the rebalance timeout (600 s), longer than a new member may wait.
        heartbeatFor(ClassicGroupCoordinator.NEW_MEMBER_JOIN_TIMEOUT_MS + HEARTBEAT_MS, 1, c1);
        assertEquals(List.of("c2:session-timeout"), d.removals());
        assertEquals(addedAt + Durations.ms(ClassicGroupCoordinator.NEW_MEMBER_JOIN_TIMEOUT_MS), removedAtUs("c2"));
        assertEquals(Errors.UNKNOWN_MEMBER_ID, newcomer.only().error(), "its parked JoinGroup learns it is out");
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, d.state());
    }

    @Test
    void aPendingMemberThatNeverComesBackHoldsTheJoinPhaseUntilItsDeadline() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        d.newMemberId("c3");
        long reservedAt = d.sim.now();
        Reply<JoinGroupResponse> leader = d.join(ids.get("c1"), "c1");
        Reply<JoinGroupResponse> follower = d.join(ids.get("c2"), "c2");
        assertTrue(leader.parked() && follower.parked(), "every member rejoined, but c3 was promised a place");
        d.advanceMs(SESSION_MS - 1);
        assertTrue(leader.parked());
        d.advanceMs(1);
        assertEquals(reservedAt + Durations.ms(SESSION_MS), d.sim.now());
        assertEquals(2, leader.only().generationId());
        assertEquals(2, follower.only().generationId());
        assertEquals(List.of(), d.removals(), "a pending member is dropped silently");
    }

    // ---------------------------------------------------------------- crash and load

    @Test
    void aCrashAnswersParkedRequestsAndStopsEveryTimer() {
        Map<String, JoinGroupResponse> answers = d.completingGroup(false, "c1", "c2");
        Reply<SyncGroupResponse> parkedSync = d.sync(answers.get("c2").memberId(), 1);
        d.newMemberId("c3");
        d.coordinator.crash();
        assertEquals(Errors.NOT_COORDINATOR, parkedSync.only().error());
        int events = d.events.size();
        d.advanceMs(10L * REBALANCE_MS);
        assertEquals(events, d.events.size(), "no session, sync or pending deadline fires while down");
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, d.state(), "the group survives in __consumer_offsets");
        d.coordinator.crash();
        assertEquals(events, d.events.size(), "a second crash changes nothing");
    }

    @Test
    void aCrashAnswersAParkedJoinGroupWithNotCoordinator() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        Reply<JoinGroupResponse> parked = d.join(ids.get("c1"), "c1");
        d.coordinator.crash();
        assertEquals(Errors.NOT_COORDINATOR, parked.only().error());
    }

    @Test
    void aLoadGivesEveryMemberAFullSessionFromNow() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        d.coordinator.crash();
        d.advanceMs(REBALANCE_MS);
        d.coordinator.load();
        long loadedAt = d.sim.now();
        assertEquals(Errors.NONE, d.heartbeat(ids.get("c1"), 1));
        heartbeatFor(SESSION_MS, 1, ids.get("c1"));
        assertEquals(List.of("c2:session-timeout"), d.removals());
        assertEquals(loadedAt + Durations.ms(SESSION_MS), removedAtUs("c2"));
    }

    @Test
    void aLoadGivesARebalanceUnderWayItsTimeoutAgain() {
        Map<String, String> ids = d.stableGroup(false, "c1", "c2");
        d.join(ids.get("c1"), "c1");
        d.coordinator.crash();
        d.advanceMs(REBALANCE_MS);
        d.coordinator.load();
        long loadedAt = d.sim.now();
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, d.state());
        // c1 lost its parked JoinGroup in the crash; nobody rejoins, both heartbeat.
        heartbeatFor(REBALANCE_MS, 1, ids.get("c1"), ids.get("c2"));
        assertEquals(List.of("c1:rebalance-timeout", "c2:rebalance-timeout"), d.removals());
        assertEquals(loadedAt + Durations.ms(REBALANCE_MS), removedAtUs("c1"));
        assertEquals(ClassicGroupState.EMPTY, d.state());
    }

    @Test
    void aLoadGivesPendingSyncsTheirTimeoutAgain() {
        Map<String, JoinGroupResponse> answers = d.completingGroup(false, "c1", "c2");
        d.coordinator.crash();
        d.advanceMs(REBALANCE_MS / 2);
        d.coordinator.load();
        long loadedAt = d.sim.now();
        heartbeatFor(REBALANCE_MS, 1, answers.get("c1").memberId(), answers.get("c2").memberId());
        assertEquals(List.of("c1:sync-timeout", "c2:sync-timeout"), d.removals());
        assertEquals(loadedAt + Durations.ms(REBALANCE_MS), removedAtUs("c1"));
    }
}
