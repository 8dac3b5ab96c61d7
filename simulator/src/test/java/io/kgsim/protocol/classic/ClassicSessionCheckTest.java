package io.kgsim.protocol.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.engine.Durations;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.testing.Runs;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classic heartbeat thread's own session check ({@code AbstractCoordinator.HeartbeatThread}):
 * once {@code session.timeout.ms} passed without a heartbeat answer, it marks the coordinator
 * unknown, looks it up again and heartbeats only after {@code retry.backoff.ms}. A real Kafka 4.4
 * consumer SIGCONTed after a 16 s stop (session 10 s) learned it had been removed 95 to 120 ms
 * after it resumed (250 to 270 ms when its own reconnection backoff added a second lookup), not
 * at once; a consumer cut off from its coordinator stops heartbeating at its session timeout and
 * looks the coordinator up every {@code retry.backoff.ms} until the network heals.
 */
class ClassicSessionCheckTest {
    private static final long L = 1;          // ms, one way
    private static final long BACKOFF = 100;  // retry.backoff.ms (default)

    private static String scenario(String commit, String timeline) {
        return """
                name: classic-session-check
                seed: 1
                duration: 50s
                network:
                  latency: fixed(1ms)
                topics:
                  - {name: a, partitions: 6}
                groups:
                  - group.id: g
                    subscription: [a]
                    consumers: 3
                    %s
                    config:
                      partition.assignment.strategy: range
                      session.timeout.ms: 10000
                      heartbeat.interval.ms: 3000
                      max.poll.interval.ms: 30000
                timeline:
                  - %s
                """.formatted(commit, timeline);
    }

    /** With and without auto-commit: the commit the main thread sends on resuming must not change when it learns. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aMemberResumingAfterItsSessionLearnsItWasRemovedOneRetryBackoffLater(boolean autoCommit) {
        String yaml = scenario(autoCommit ? "" : "commit: none", "{at: 13.5s, pause: {member: g/c2, for: 16s, kind: gc}}");
        if (!autoCommit) {
            yaml = noAutoCommit(yaml);
        }
        Runs.Recorded r = Runs.run(yaml);
        long resumed = Durations.ms(29_500);
        GroupEvent unknown = after(r, GroupEventType.COORDINATOR_UNKNOWN, "c2", resumed - 1);
        assertEquals(resumed, unknown.timeUs(), "the session check runs first, at the resume");
        // After retry.backoff.ms the coordinator is known again; the overdue heartbeat's round trip tells it.
        GroupEvent fenced = after(r, GroupEventType.HEARTBEAT_ERROR, "c2", resumed - 1);
        assertEquals("UNKNOWN_MEMBER_ID", fenced.reason());
        assertEquals(resumed + Durations.ms(BACKOFF + 2 * L), fenced.timeUs());
        GroupEvent lost = after(r, GroupEventType.PARTITIONS_LOST, "c2", resumed - 1);
        assertEquals(fenced.timeUs(), lost.timeUs(), "its partitions are given up when it learns, at its next poll");
    }

    @Test
    void aPauseShorterThanTheSessionKeepsTheCoordinator() {
        Runs.Recorded r = Runs.run(scenario("", "{at: 13.5s, pause: {member: g/c2, for: 8s, kind: gc}}"));
        assertTrue(r.filter(e -> e.type() == GroupEventType.COORDINATOR_UNKNOWN).isEmpty(), "no session check fired");
        assertTrue(r.filter(e -> e.type() == GroupEventType.REBALANCE_STARTED && e.timeUs() > Durations.seconds(7)).isEmpty(),
                "the group did not rebalance");
    }

    @Test
    void aMemberCutOffStopsHeartbeatingAtItsSessionAndLearnsSoonAfterTheNetworkHeals() {
        String yaml = noAutoCommit(scenario("commit: none", "{at: 13.5s, cut-network: {member: g/c2, for: 20s}}"));
        Runs.Recorded r = Runs.run(yaml);
        // Heartbeats go from the JoinGroup answer on, every 3 s; the last one answered before the cut
        // resets the client's session timer one round trip after it left.
        long joined = r.first(GroupEventType.JOINED, "c2").timeUs();
        long cut = Durations.ms(13_500);
        long lastSent = joined + (cut - joined) / Durations.ms(3_000) * Durations.ms(3_000);
        GroupEvent unknown = after(r, GroupEventType.COORDINATOR_UNKNOWN, "c2", cut);
        assertEquals(lastSent + Durations.ms(2 * L + 10_000), unknown.timeUs(), "the session timer, not the 30 s request timeout");
        // Healed at 33.5 s: found again within a retry backoff, the heartbeat within another.
        long healed = Durations.ms(33_500);
        GroupEvent fenced = after(r, GroupEventType.HEARTBEAT_ERROR, "c2", unknown.timeUs());
        assertEquals("UNKNOWN_MEMBER_ID", fenced.reason());
        assertTrue(fenced.timeUs() > healed && fenced.timeUs() <= healed + Durations.ms(2 * BACKOFF + 4 * L),
                "learned at " + Durations.format(fenced.timeUs()));
        // The heartbeats lost in the cut failed with the connection the check closed: no later error.
        List<GroupEvent> errors = r.filter(e -> "c2".equals(e.member()) && e.timeUs() > fenced.timeUs()
                && (e.type() == GroupEventType.HEARTBEAT_ERROR || e.type() == GroupEventType.COORDINATOR_UNKNOWN));
        assertEquals(List.of(), errors);
    }

    private static String noAutoCommit(String yaml) {
        return yaml.replace("max.poll.interval.ms: 30000", "max.poll.interval.ms: 30000\n      enable.auto.commit: false");
    }

    private static GroupEvent after(Runs.Recorded r, GroupEventType type, String member, long afterUs) {
        return r.filter(e -> e.type() == type && member.equals(e.member()) && e.timeUs() > afterUs).get(0);
    }
}
