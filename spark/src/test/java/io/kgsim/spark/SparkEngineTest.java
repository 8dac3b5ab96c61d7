package io.kgsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.batch.RunOne;
import io.kgsim.batch.SweepEngine;
import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SparkEngineTest {
    @Test
    void serviceLoaderFindsTheSparkEngineByName() {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(SweepEngine.class).forEach(e -> names.add(e.name()));
        assertTrue(names.contains("spark"), "engines found: " + names);
    }

    @Test
    void embeddedSparkRunsEachRunOnceWithTheLocalFiguresAndStopsItsSession() throws Exception {
        SweepPlan plan = SweepFixture.crashPlan(3);
        long[] todo = {5, 0, 3, 1};
        Map<Long, RunOutcome> got = new TreeMap<>();
        new SparkEngine().execute(plan, todo, 2, o -> assertEquals(null, got.put(o.index(), o), "run " + o.index() + " twice"));

        assertEquals(List.of(0L, 1L, 3L, 5L), List.copyOf(got.keySet()));
        for (long i : todo) {
            RunOutcome local = RunOne.run(plan, i, null);
            assertEquals(local, got.get(i), "run " + i);
        }
        // Run 5 is cooperative-sticky seed 3, run 0 range seed 1: the rows name them as the plan does.
        assertEquals("cooperative-sticky", got.get(5L).figures().strategy());
        assertEquals(3L, got.get(5L).figures().seed());
        assertEquals(RunOutcome.Status.OK, got.get(0L).status());
        assertTrue(SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty(),
                "the embedded session is stopped once the sweep's runs are done");
    }

    @Test
    void anExistingSessionIsUsedAndLeftRunning() throws Exception {
        SweepPlan plan = SweepFixture.crashPlan(1);
        SparkSession mine = SparkSession.builder().master("local[1]").appName("test").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            List<Long> got = new ArrayList<>();
            new SparkEngine().execute(plan, new long[] {0, 1}, null, o -> got.add(o.index()));
            got.sort(null);
            assertEquals(List.of(0L, 1L), got);
            assertFalse(mine.sparkContext().isStopped(), "a session the engine did not create is not its to stop");
            assertSame(mine, SparkSession.getActiveSession().get());
        } finally {
            mine.stop();
        }
    }

    @Test
    void aSinkThatFailsStopsTheJobAndTheEmbeddedSession() throws Exception {
        SweepPlan plan = SweepFixture.crashPlan(3);
        List<Long> handed = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SparkEngine().execute(plan, new long[] {0, 1, 2, 3, 4, 5},
                1, o -> {
                    handed.add(o.index());
                    throw new IllegalStateException("disk full");
                }));
        assertEquals("disk full", e.getMessage());
        assertEquals(1, handed.size(), "no outcome is handed on after the sink failed");
        assertTrue(SparkSession.getDefaultSession().isEmpty(), "the embedded session is stopped");
    }

    @Test
    void nothingToDoStartsNoSpark() throws Exception {
        new SparkEngine().execute(SweepFixture.crashPlan(1), new long[0], null, o -> {
            throw new AssertionError("no run was asked for");
        });
        assertTrue(SparkSession.getDefaultSession().isEmpty());
    }
}
