package io.kgsim.fault;

import static io.kgsim.protocol.GroupEventType.MEMBER_REMOVED;
import static io.kgsim.protocol.GroupEventType.MEMBER_STARTED;
import static io.kgsim.protocol.GroupEventType.MEMBER_STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.engine.Durations;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.testing.Runs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code rolling-restart} restarts every member, also one whose batch in hand outlasts the downtime. */
class RollingRestartTest {

    @Test
    void aMemberStillFinishingItsBatchWhenItsDowntimeEndsIsRestartedOnceItHasClosed() {
        // A backlog from t=0 and 40 ms records: every batch holds 500 records, 20 s, and a stop
        // waits for the batch in hand; the downtime is 2 s. Before, the start due 2 s after the
        // stop cancelled the pending stop, and the member was never restarted.
        Runs.Recorded r = Runs.run("""
                name: slow-rolling-restart
                seed: 3
                duration: 3m
                network:
                  latency: fixed(1ms)
                topics:
                  - name: t
                    partitions: 4
                    produce:
                      rate: 200/s
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 2
                    processing:
                      per.record: fixed(40ms)
                    config:
                      partition.assignment.strategy: range
                      auto.offset.reset: earliest
                timeline:
                  - at: 30s
                    rolling-restart: {group: g, interval: 60s, downtime: 2s}
                """);
        for (String m : List.of("c1", "c2")) {
            List<GroupEvent> stopped = r.filter(e -> e.type() == MEMBER_STOPPED && m.equals(e.member()));
            List<GroupEvent> started = r.filter(e -> e.type() == MEMBER_STARTED && m.equals(e.member()));
            assertEquals(1, stopped.size(), m + " stopped once");
            assertEquals(2, started.size(), m + " started again");
            long stopAskedUs = Durations.ms(m.equals("c1") ? 30_000 : 90_000);
            assertTrue(stopped.get(0).timeUs() - stopAskedUs > Durations.ms(2_000), m + " finished a batch longer than the downtime first");
            assertTrue(started.get(1).timeUs() >= stopped.get(0).timeUs(), m + " started again only after it had closed");
            assertEquals(1, r.filter(e -> e.type() == MEMBER_REMOVED && m.equals(e.member()) && "left".equals(e.reason())).size());
        }
        assertEquals(0, r.result().invariantViolations());
    }
}
