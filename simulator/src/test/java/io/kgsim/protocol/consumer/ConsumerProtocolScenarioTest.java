package io.kgsim.protocol.consumer;

import static io.kgsim.protocol.GroupEventType.MEMBER_REMOVED;
import static io.kgsim.protocol.GroupEventType.PARTITIONS_ASSIGNED;
import static io.kgsim.protocol.GroupEventType.PARTITIONS_LOST;
import static io.kgsim.protocol.GroupEventType.PARTITIONS_REVOKED;
import static io.kgsim.protocol.GroupEventType.REBALANCE_STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.engine.Durations;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.testing.Ownership;
import io.kgsim.testing.Runs;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Whole scenarios under {@code group.protocol=consumer}: the member and the coordinator together,
 * with every invariant checked on every event (strict mode: no partition ever has two owners).
 * The members start at staggered times so their heartbeats are not in step, as in real groups;
 * the broker's defaults apply (5 s heartbeat interval, 45 s session, 1 s assignment interval).
 */
class ConsumerProtocolScenarioTest {
    private static final long H_US = Durations.ms(5_000);

    /** Members c1..c3 started at 0, 1.3 s and 2.9 s on {@code partitions} partitions, then {@code timeline}. */
    private static String scenario(int partitions, boolean staticMembers, String timeline) {
        return """
                name: consumer-protocol
                seed: 5
                duration: 500s
                network:
                  latency: fixed(1ms)
                topics:
                  - name: t
                    partitions: %d
                    produce:
                      rate: 200/s
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 1
                    static.membership: %b
                    config:
                      group.protocol: consumer
                      auto.offset.reset: earliest
                timeline:
                  - at: 1300ms
                    start: {group: g, count: 1}
                  - at: 2900ms
                    start: {group: g, count: 1}
                %s""".formatted(partitions, staticMembers, timeline);
    }

    private static List<GroupEvent> after(Runs.Recorded r, GroupEventType type, String member, long fromUs) {
        return r.filter(e -> e.type() == type && member.equals(e.member()) && e.timeUs() >= fromUs);
    }

    @Test
    void aJoinerGetsItsPartitionsOnlyAfterTheRevokersAcknowledgedWhileUntouchedMembersNeverStop() {
        // 6 partitions, 3 members (2 each); a 4th makes the uniform quota 1 or 2: one member gives one up.
        Runs.Recorded r = Runs.run(scenario(6, false, """
                  - at: 40s
                    start: {group: g, count: 1}
                """));
        long joinUs = Durations.ms(40_000);
        List<GroupEvent> revocations = r.filter(e -> e.type() == PARTITIONS_REVOKED && e.timeUs() >= joinUs);
        assertEquals(1, revocations.size(), "exactly one member gives one partition up: " + revocations);
        assertEquals(1, revocations.get(0).partitions().size());
        GroupEvent assigned = r.first(PARTITIONS_ASSIGNED, "c4");
        assertEquals(revocations.get(0).partitions(), assigned.partitions(), "the joiner gets exactly what was revoked");
        assertTrue(assigned.timeUs() > revocations.get(0).timeUs(), "the new owner waits for the revocation's acknowledgement");
        long took = assigned.timeUs() - joinUs;
        assertTrue(took <= 2 * H_US + Durations.ms(100), "joiner assigned " + Durations.format(took) + " after its start: more than two heartbeats");
        for (String m : List.of("c1", "c2", "c3")) {
            if (m.equals(revocations.get(0).member())) {
                continue;
            }
            assertEquals(List.of(), after(r, PARTITIONS_REVOKED, m, joinUs), m + " is untouched: it never stops fetching");
            assertEquals(List.of(), after(r, PARTITIONS_LOST, m, joinUs));
        }
        assertEquals(0, r.result().invariantViolations());
    }

    @Test
    void aGracefulLeaveHandsThePartitionsOverWithinAHeartbeatIntervalAndTheAssignmentInterval() {
        Runs.Recorded r = Runs.run(scenario(6, false, """
                  - at: 40s
                    stop: g/c2
                """));
        long stopUs = Durations.ms(40_000);
        List<GroupEvent> gaveUp = after(r, PARTITIONS_REVOKED, "c2", stopUs);
        assertEquals(1, gaveUp.size());
        assertEquals("left", after(r, MEMBER_REMOVED, "c2", stopUs).get(0).reason());
        Map<String, TreeSet<String>> owners = Ownership.at(r.events(), stopUs + H_US + Durations.ms(1_100));
        for (var tp : gaveUp.get(0).partitions()) {
            TreeSet<String> o = owners.get(tp.toString());
            assertEquals(1, o == null ? 0 : o.size(), tp + " not taken over within H + A: " + o);
        }
    }

    @Test
    void aCrashedMembersPartitionsMoveOnlyAfterTheSessionTimeout() {
        Runs.Recorded r = Runs.run(scenario(6, false, """
                  - at: 40s
                    crash: g/c2
                """));
        long crashUs = Durations.ms(40_000);
        GroupEvent removed = after(r, MEMBER_REMOVED, "c2", crashUs).get(0);
        assertEquals("session-timeout", removed.reason());
        long sinceCrash = removed.timeUs() - crashUs;
        // The session runs 45 s from the last heartbeat the coordinator received, at most one interval before the crash.
        assertTrue(sinceCrash > Durations.ms(45_000) - H_US && sinceCrash <= Durations.ms(45_000), Durations.format(sinceCrash));
        List<GroupEvent> lost = after(r, PARTITIONS_LOST, "c2", crashUs);
        assertEquals(2, lost.get(0).partitions().size());
        for (var tp : lost.get(0).partitions()) {
            GroupEvent taken = r.filter(e -> e.type() == PARTITIONS_ASSIGNED && e.timeUs() > crashUs && e.partitions().contains(tp)).get(0);
            assertTrue(taken.timeUs() > removed.timeUs(), tp + " moved before the session expired");
            assertTrue(taken.timeUs() - removed.timeUs() <= H_US + Durations.ms(1_100), tp + " taken " + Durations.format(taken.timeUs() - removed.timeUs())
                    + " after the removal");
        }
    }

    @Test
    void aStaticRestartWithinTheSessionTimeoutBumpsNoEpochAndGetsItsPartitionsBack() {
        Runs.Recorded r = Runs.run(scenario(6, true, """
                  - at: 40s
                    stop: g/c2
                  - at: 50s
                    start: g/c2
                """));
        long stopUs = Durations.ms(40_000);
        List<GroupEvent> gaveUp = after(r, PARTITIONS_REVOKED, "c2", stopUs);
        assertEquals(1, gaveUp.size());
        assertEquals(-2, r.filter(e -> e.type() == GroupEventType.LEAVE_GROUP_SENT && "c2".equals(e.member())).get(0).epoch().memberEpoch());
        assertEquals(List.of(), r.filter(e -> e.type() == REBALANCE_STARTED && e.timeUs() >= stopUs), "no group epoch bump");
        GroupEvent back = after(r, PARTITIONS_ASSIGNED, "c2", Durations.ms(50_000)).get(0);
        assertEquals(gaveUp.get(0).partitions(), back.partitions(), "the same partitions, held for it meanwhile");
        // Its join answer comes at 4 ms (FindCoordinator, then the join heartbeat); the idle poll loop, whose wait
        // restarted at FindCoordinator's answer (2 ms), turns every retry.backoff.ms (100 ms) plus the turn's work
        // (1 ms): the first turn starts the reconciliation (auto-commit on), the second runs onPartitionsAssigned.
        // No epoch bump, no other member.
        assertEquals(Durations.ms(50_000 + 2 + 101 + 101), back.timeUs(), "back at its join answer plus two poll-loop turns: "
                + Durations.format(back.timeUs()));
        assertEquals(List.of(), r.filter(e -> e.type() == PARTITIONS_ASSIGNED && e.timeUs() > stopUs && !"c2".equals(e.member())),
                "nobody else was given its partitions");
        assertFalse(r.of(GroupEventType.MEMBER_REPLACED).isEmpty(), "the new process took over the instance id's place");
    }

    @Test
    void aGcPauseBeyondTheSessionIsFencedAndTheSameProcessRejoinsAtEpochZero() {
        Runs.Recorded r = Runs.run(scenario(6, false, """
                  - at: 40s
                    pause: {member: g/c2, for: 60s, kind: gc}
                """));
        long pauseUs = Durations.ms(40_000);
        GroupEvent removed = after(r, MEMBER_REMOVED, "c2", pauseUs).get(0);
        assertEquals("session-timeout", removed.reason());
        GroupEvent fenced = after(r, GroupEventType.HEARTBEAT_ERROR, "c2", pauseUs).get(0);
        assertEquals("UNKNOWN_MEMBER_ID", fenced.reason());
        assertTrue(fenced.timeUs() >= Durations.ms(100_000), "nothing leaves the frozen process");
        GroupEvent rejoined = r.filter(e -> e.type() == GroupEventType.ASSIGNMENT_RECEIVED && "c2".equals(e.member()) && "join".equals(e.reason())
                && e.timeUs() > fenced.timeUs()).get(0);
        assertTrue(rejoined.timeUs() - fenced.timeUs() < Durations.ms(1_000), "rejoins at its next poll");
        assertEquals(List.of(), after(r, GroupEventType.MEMBER_STARTED, "c2", pauseUs), "the same process, the same member id");
        assertFalse(after(r, PARTITIONS_ASSIGNED, "c2", rejoined.timeUs()).isEmpty(), "it gets partitions again");
    }

    @Test
    void aPollTimeoutLeavesTheGroupAtOnceAndRejoinsAtTheNextPoll() {
        Runs.Recorded r = Runs.run(scenario(6, false, """
                  - at: 40s
                    pause: {member: g/c2, for: 400s, kind: handler}
                """));
        long pauseUs = Durations.ms(40_000);
        GroupEvent timeout = after(r, GroupEventType.POLL_TIMEOUT, "c2", pauseUs).get(0);
        // max.poll.interval.ms (300 s by default) from the pause, the application being stuck in its handler.
        assertTrue(Math.abs(timeout.timeUs() - pauseUs - Durations.ms(300_000)) < Durations.ms(1_000), Durations.format(timeout.timeUs()));
        assertEquals(-1, after(r, GroupEventType.LEAVE_GROUP_SENT, "c2", pauseUs).get(0).epoch().memberEpoch());
        assertEquals("left", after(r, MEMBER_REMOVED, "c2", pauseUs).get(0).reason());
        assertEquals(timeout.timeUs(), after(r, PARTITIONS_LOST, "c2", pauseUs).get(0).timeUs(), "fetching stops at once");
        GroupEvent rejoined = r.filter(e -> e.type() == GroupEventType.ASSIGNMENT_RECEIVED && "c2".equals(e.member()) && "join".equals(e.reason())
                && e.timeUs() > timeout.timeUs()).get(0);
        assertTrue(rejoined.timeUs() >= Durations.ms(440_000), "rejoins only when the application polls again");
    }
}
