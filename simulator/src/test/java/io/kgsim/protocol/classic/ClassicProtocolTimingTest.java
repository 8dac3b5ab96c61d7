package io.kgsim.protocol.classic;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When things happen in virtual time: the delays a real group would see. */
class ClassicProtocolTimingTest {
    private static final long LATENCY_US = 1_000;
    /** cluster.coordinator.write.latency's default: the leader's SyncGroup is answered once its assignment is written. */
    private static final long WRITE_US = 2_000;

    private static String scenario(String strategy, String timeline, String extraConfig) {
        return """
                name: timing
                seed: 3
                duration: 3m
                network:
                  latency: fixed(1ms)
                topics:
                  - name: t
                    partitions: 9
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 3
                    config:
                      partition.assignment.strategy: %s
                      session.timeout.ms: 10000
                      heartbeat.interval.ms: 3000
                %s
                timeline:
                %s
                """.formatted(strategy, extraConfig, timeline);
    }

    @ParameterizedTest
    @ValueSource(strings = {"range", "cooperative-sticky"})
    void aMemberJoiningAnEmptyGroupWaitsTheInitialRebalanceDelay(String strategy) {
        Runs.Recorded r = Runs.run(scenario(strategy, "  - at: 1m\n    stop: g/c1", "").replace("consumers: 3", "consumers: 1"));
        GroupEvent joined = r.first(GroupEventType.REBALANCE_STARTED, null);
        GroupEvent first = r.first(GroupEventType.PARTITIONS_ASSIGNED, "c1");
        // FindCoordinator, JoinGroup (MEMBER_ID_REQUIRED), JoinGroup: the member is added after 5 one-way trips.
        assertEquals(5 * LATENCY_US, joined.timeUs());
        // group.initial.rebalance.delay.ms defaults to 3000; then the JoinGroup answer, a SyncGroup round trip and the write.
        assertEquals(joined.timeUs() + Durations.ms(3000) + 3 * LATENCY_US + WRITE_US, first.timeUs());
    }

    /**
     * The broker's delayed initial join ticks every delay and extends while members were added in
     * the last window: members added at 5 ms (three at once) and 2.005 s (a fourth).
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1500, 3000})
    void theInitialDelayIsExtendedWhileNewMembersArrive(int delayMs) {
        String yaml = scenario("range", "  - at: 2s\n    start: {group: g, count: 1}", "")
                .replace("network:", "cluster:\n  config:\n    group.initial.rebalance.delay.ms: " + delayMs + "\nnetwork:");
        Runs.Recorded r = Runs.run(yaml);
        GroupEvent completed = r.first(GroupEventType.REBALANCE_COMPLETED, null);
        long expectedTickMs = switch (delayMs) {
            case 0 -> 0;          // no delay: the join completes as soon as everyone joined
            case 1500 -> 4500;    // ticks at 1.5 s (c2, c3 were added: extend), 3 s (c4: extend), 4.5 s
            default -> 6000;      // ticks at 3 s (c2..c4 were added: extend), 6 s
        };
        long joinCompleted = Durations.ms(expectedTickMs) + 5 * LATENCY_US;
        // Then the leader's JoinGroup answer, its SyncGroup and the write of the assignment.
        assertEquals(joinCompleted + 2 * LATENCY_US + WRITE_US, completed.timeUs(), "delay " + delayMs + ": completed at " + Durations.format(completed.timeUs()));
        assertEquals(List.of("c1", "c2", "c3", "c4").subList(0, delayMs == 0 ? 3 : 4), completed.members());
    }

    @ParameterizedTest
    @ValueSource(strings = {"range", "roundrobin", "sticky", "cooperative-sticky"})
    void aCrashedMemberIsRemovedASessionTimeoutAfterItsLastHeartbeatAndSurvivorsTakeOverWithinAHeartbeat(String strategy) {
        long crashUs = Durations.ms(31_234);
        Runs.Recorded r = Runs.run(scenario(strategy, "  - at: 31234ms\n    crash: g/c2", ""));
        GroupEvent removed = r.first(GroupEventType.MEMBER_REMOVED, "c2");
        assertEquals("session-timeout", removed.reason());
        long sinceCrash = removed.timeUs() - crashUs;
        // The last heartbeat the coordinator received left c2 at most one interval before the kill.
        assertTrue(sinceCrash >= Durations.ms(10_000 - 3_000) && sinceCrash <= Durations.ms(10_000) + 2 * LATENCY_US,
                "removed " + Durations.format(sinceCrash) + " after the crash");
        // Ownership ended at the crash itself.
        GroupEvent lost = r.first(GroupEventType.PARTITIONS_LOST, "c2");
        assertEquals(crashUs, lost.timeUs());
        // Within one more heartbeat interval (plus round trips) the survivors own everything.
        long deadline = removed.timeUs() + Durations.ms(3_000) + 20 * LATENCY_US;
        Map<String, TreeSet<String>> owners = Ownership.at(r.events(), deadline);
        assertEquals(9, owners.size());
        for (Map.Entry<String, TreeSet<String>> e : owners.entrySet()) {
            assertEquals(1, e.getValue().size(), e.getKey() + " owners at the deadline: " + e.getValue());
            assertTrue(!e.getValue().contains("c2"));
        }
        // And not before the removal: until then nobody owned c2's partitions.
        Map<String, TreeSet<String>> before = Ownership.at(r.events(), removed.timeUs() - 1);
        assertFalse(lost.partitions().isEmpty(), "c2 owned partitions when it crashed");
        for (var p : lost.partitions()) {
            assertTrue(before.get(p.toString()).isEmpty(), p + " re-owned before c2 was removed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"range", "cooperative-sticky"})
    void survivorsLearnOfALeaveAtTheirNextHeartbeat(String strategy) {
        Runs.Recorded r = Runs.run(scenario(strategy, "  - at: 40s\n    stop: g/c1", ""));
        GroupEvent started = r.filter(e -> e.type() == GroupEventType.REBALANCE_STARTED && e.timeUs() > Durations.seconds(40)).get(0);
        List<GroupEvent> learned = r.filter(e -> e.type() == GroupEventType.HEARTBEAT_ERROR && e.timeUs() > started.timeUs());
        assertEquals(2, learned.stream().map(GroupEvent::member).distinct().count());
        for (GroupEvent e : learned.subList(0, 2)) {
            assertEquals("REBALANCE_IN_PROGRESS", e.reason());
            assertTrue(e.timeUs() - started.timeUs() <= Durations.ms(3000) + 2 * LATENCY_US);
        }
    }
}
