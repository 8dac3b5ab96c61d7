package io.kgsim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.testing.SweepPlans;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalEngineTest {
    @Test
    void submitsAtMostAWindowAheadOfTheOutcomesHandedBack() throws Exception {
        SweepPlan plan = SweepPlans.tiny(List.of("range"), "1..40");
        AtomicInteger started = new AtomicInteger();
        int[] handedBack = {0};
        int[] mostAhead = {0};
        LocalEngine engine = new LocalEngine((p, index) -> {
            started.incrementAndGet();
            return RunOutcome.failed(index, 1, "range", "not run");
        });
        long[] todo = new long[80];
        for (int i = 0; i < todo.length; i++) {
            todo[i] = i;
        }
        TreeSet<Long> seen = new TreeSet<>();
        engine.execute(plan, todo, 2, o -> {
            mostAhead[0] = Math.max(mostAhead[0], started.get() - handedBack[0]);
            handedBack[0]++;
            seen.add(o.index());
        });
        assertEquals(80, seen.size(), "every run once");
        assertTrue(mostAhead[0] <= 2 * LocalEngine.AHEAD_PER_THREAD, "at most 8 runs ahead, saw " + mostAhead[0]);
    }

    @Test
    void isFoundByNameThroughTheServiceLoader() {
        assertTrue(SweepEngines.find("local").orElseThrow() instanceof LocalEngine);
        assertTrue(SweepEngines.find("nope").isEmpty());
        assertTrue(ServiceLoader.load(SweepEngine.class).stream().anyMatch(p -> p.type() == LocalEngine.class));
    }
}
