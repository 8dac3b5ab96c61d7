package io.kgsim.protocol.consumer;

import static io.kgsim.protocol.GroupEventType.MEMBER_REMOVED;
import static io.kgsim.protocol.GroupEventType.PARTITIONS_ASSIGNED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.engine.Durations;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.testing.Runs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An idle poll loop's turn is {@code retry.backoff.ms} plus the turn's own work, so the loop's
 * turns slide against the heartbeat timer, which the background thread runs. The fidelity suite's
 * {@code crash} case under the consumer protocol shows why it matters (measured on Kafka 4.4:
 * the broker's request log puts c2's fencing exactly 10 s after its last heartbeat arrived, c3
 * hearing of it at its next heartbeat and c1, whose heartbeat had left some 20-60 ms before the
 * fencing, one interval later: 11.04-11.06 s from the crash to the last ownership change in
 * every run of the full table). c1's phase comes from acknowledging its revocation of the
 * formation, c2's from acknowledging the gain of those partitions a heartbeat later. With turns
 * of exactly 100 ms, 20 turns made one 2 s interval: every answer came just after a turn, each
 * reconciliation waited a whole turn to start, and c1's acknowledgement came 1 ms after c2's
 * phase (start spacing 100 ms = one turn, the revocation one turn longer than the gain), so c1
 * heard of the fencing at once and the step took 9.30 s.
 */
class PollTurnDriftTest {
    private static final long H = 2_000;

    private static Runs.Recorded crash() {
        return Runs.run("""
                name: crash
                seed: 1
                duration: 38s
                cluster:
                  config:
                    group.consumer.session.timeout.ms: 10000
                    group.consumer.min.session.timeout.ms: 10000
                    group.consumer.heartbeat.interval.ms: 2000
                    group.consumer.min.heartbeat.interval.ms: 1000
                topics:
                  - {name: a, partitions: 6}
                groups:
                  - group.id: g
                    subscription: [a]
                    consumers: 1
                    config:
                      group.protocol: consumer
                      group.remote.assignor: uniform
                timeline:
                  - {at: 100ms, start: {group: g, count: 1}}
                  - {at: 200ms, start: {group: g, count: 1}}
                  - {at: 13.5s, crash: g/c2}
                """);
    }

    private static long afterCrashMs(Runs.Recorded r, String member) {
        List<GroupEvent> gains = r.filter(e -> e.type() == PARTITIONS_ASSIGNED && member.equals(e.member())
                && e.timeUs() > Durations.ms(13_500));
        assertEquals(1, gains.size(), member + " takes one of c2's partitions");
        return gains.get(0).timeUs() / Durations.US_PER_MS;
    }

    @Test
    void aSurvivorWhoseHeartbeatLeftJustBeforeTheFencingTakesItsShareOneIntervalLater() {
        Runs.Recorded r = crash();
        long fenced = r.first(MEMBER_REMOVED, "c2").timeUs() / Durations.US_PER_MS;
        long c3 = afterCrashMs(r, "c3");
        long c1 = afterCrashMs(r, "c1");
        assertTrue(fenced < c3 && c3 < fenced + H, "c3 at its first heartbeat after the fencing (" + fenced + "): " + c3);
        assertTrue(fenced + H < c1 && c1 < fenced + 2 * H, "c1 at its second, its first having left just before: " + c1);
        long lastChange = Math.max(c1, c3) - 13_500;
        assertTrue(lastChange > 10_900 && lastChange < 11_200, "11.04-11.06 s measured on Kafka 4.4: " + lastChange);
    }
}
