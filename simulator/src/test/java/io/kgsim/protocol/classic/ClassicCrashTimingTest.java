package io.kgsim.protocol.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kgsim.engine.Durations;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.testing.Runs;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classic protocol's crash timing, exactly: every member's heartbeat timer restarts at its
 * JoinGroup answer ({@code AbstractCoordinator}'s join handler enables the heartbeat thread, which
 * resets the heartbeat timeouts), which the coordinator sends to all members at once when the join
 * phase completes, so the members of a group heartbeat in phase, and a crashed member's
 * partitions come back at the survivors' first heartbeat after its session expired, which is
 * a whole number of intervals after the victim's last heartbeat (a real 4.4 broker: recovery at
 * the victim's last heartbeat + 12 s with a 10 s session and 3 s heartbeats, in every run).
 *
 * <p>Auto-commit is off: Kafka's coordinator counts a classic member's offset commit as a
 * heartbeat ({@code OffsetMetadataManager.validateOffsetCommit} reschedules the member's
 * session), so commits would move the expiry off the heartbeat grid.
 */
class ClassicCrashTimingTest {
    private static final long L = 1;          // ms, one way
    private static final long H = 3_000;      // heartbeat.interval.ms
    private static final long S = 10_000;     // session.timeout.ms
    private static final long W = 2;          // ms, cluster.coordinator.write.latency (default): the leader's SyncGroup waits for it

    @ParameterizedTest
    @ValueSource(longs = {31_234, 32_999, 33_500})
    void theSurvivorsTakeOverAtTheirFirstHeartbeatAfterTheVictimsLastHeartbeatPlusTheSession(long crash) {
        Runs.Recorded r = Runs.run("""
                name: classic-crash-timing
                seed: 3
                duration: 2m
                network:
                  latency: fixed(1ms)
                topics:
                  - name: t
                    partitions: 9
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 3
                    commit: none
                    config:
                      partition.assignment.strategy: cooperative-sticky
                      session.timeout.ms: 10000
                      heartbeat.interval.ms: 3000
                      enable.auto.commit: false
                timeline:
                  - at: %dms
                    crash: g/c2
                """.formatted(crash));
        long joined = ms(r.first(GroupEventType.JOINED, "c2"));
        for (String m : List.of("c1", "c3")) {
            assertEquals(joined, ms(r.first(GroupEventType.JOINED, m)), "the JoinGroup answers go out together: the heartbeats are in phase");
        }
        // c2 heartbeats at joined + kH; its last one left at or before the crash.
        long k = (crash - joined) / H;
        long lastHeartbeatArrived = joined + k * H + L;
        GroupEvent removed = r.first(GroupEventType.MEMBER_REMOVED, "c2");
        assertEquals("session-timeout", removed.reason());
        assertEquals(lastHeartbeatArrived + S, ms(removed));
        // The survivors' heartbeats k+1..k+3 arrive within the session (3H + L < S); k+4 is answered REBALANCE_IN_PROGRESS.
        long survivorsLearn = joined + (k + 4) * H + 2 * L;
        List<GroupEvent> learned = r.filter(e -> e.type() == GroupEventType.HEARTBEAT_ERROR);
        assertEquals(List.of("c1", "c3"), learned.stream().map(GroupEvent::member).sorted().toList());
        for (GroupEvent e : learned) {
            assertEquals("REBALANCE_IN_PROGRESS", e.reason());
            assertEquals(survivorsLearn, ms(e));
        }
        // Then a JoinGroup and a SyncGroup round trip, the SyncGroup answered once the leader's assignment is
        // written: the crashed member's partitions are owned again the victim's last heartbeat + 4H (= 12 s)
        // + 5 one-way trips + one write, whenever in its interval it crashed.
        long reowned = survivorsLearn + 2 * L + 2 * L + W;
        List<GroupEvent> taken = r.filter(e -> e.type() == GroupEventType.PARTITIONS_ASSIGNED && e.timeUs() > Durations.ms(crash));
        assertEquals(2, taken.size());
        for (GroupEvent e : taken) {
            assertEquals(reowned, ms(e));
        }
        assertEquals(lastHeartbeatArrived + 4 * H + 5 * L + W, reowned);
    }

    private static long ms(GroupEvent e) {
        return e.timeUs() / Durations.US_PER_MS;
    }
}
