package io.kgsim.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a coordinator write commits: the batch's linger, then the write latency. */
class CoordinatorLogTest {
    private static final long W = Durations.ms(2);

    /** Writes at the given instants (µs); returns when each one's commit ran, in write order. */
    private static List<Long> commits(int lingerMs, long writeLatencyUs, long... writesUs) {
        Simulation sim = new Simulation(1);
        CoordinatorLog log = new CoordinatorLog(sim, lingerMs, writeLatencyUs);
        long[] committed = new long[writesUs.length];
        for (int i = 0; i < writesUs.length; i++) {
            int n = i;
            sim.schedule(writesUs[i], () -> log.append(() -> committed[n] = sim.now()));
        }
        sim.run(Durations.seconds(1));
        List<Long> out = new ArrayList<>();
        for (long c : committed) {
            out.add(c);
        }
        return out;
    }

    @Test
    void kafkasAdaptiveLingerFlushesAtOnceSoEachWriteTakesTheWriteLatency() {
        assertEquals(List.of(W, Durations.ms(3) + W), commits(-1, W, 0, Durations.ms(3)));
    }

    @Test
    void aLingerGathersTheWritesOfItsWindowIntoOneBatchFlushedAtItsEnd() {
        long linger = Durations.ms(5);
        // 0 and 3 ms share the batch opened at 0 (flushed at 5 ms); 6 ms opens the next (flushed at 11 ms).
        assertEquals(List.of(linger + W, linger + W, Durations.ms(6) + linger + W), commits(5, W, 0, Durations.ms(3), Durations.ms(6)));
    }

    @Test
    void withNoLatencyAndNoLingerTheCommitRunsWithinTheWrite() {
        Simulation sim = new Simulation(1);
        CoordinatorLog log = new CoordinatorLog(sim, -1, 0);
        List<String> order = new ArrayList<>();
        log.append(() -> order.add("committed"));
        order.add("after append");
        assertEquals(List.of("committed", "after append"), order, "an instant write answers before the handler returns, as before");
    }
}
