package io.kgsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.kgsim.batch.RunOne;
import io.kgsim.sweep.SweepLoader;
import io.kgsim.sweep.SweepPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cluster's executor does and embedded Spark never needs to: rebuild the plan from the
 * source the driver broadcast, with none of the user's files, and run the same runs.
 */
class ExecutorPlansTest {
    @TempDir
    Path dir;

    @Test
    void anExecutorRebuildsThePlanFromItsSourceAloneAndEveryRunComesOutTheSame() throws Exception {
        Files.copy(SweepFixture.CRASH, dir.resolve("crash.yaml"));
        Path sweep = dir.resolve("executor-rebuild.yaml");
        Files.writeString(sweep, """
                scenario: crash.yaml
                strategies: [cooperative-sticky, consumer-uniform]
                seeds: 7..8
                vary:
                  groups[analytics].config.session.timeout.ms: [12s, 20s]
                """);
        SweepPlan driver = SweepLoader.load(sweep, null, null, null);
        // The executor's disk has none of the user's files.
        Files.delete(sweep);
        Files.delete(dir.resolve("crash.yaml"));

        SweepPlan executor = ExecutorPlans.of(driver.source());
        assertNotSame(driver, executor, "rebuilt from the source, not the driver's object");
        assertSame(executor, ExecutorPlans.of(driver.source()), "built once per executor JVM");
        assertEquals(8, executor.runs());
        for (long i = 0; i < executor.runs(); i++) {
            assertEquals(RunOne.run(driver, i, null), RunOne.run(executor, i, null), "run " + i);
        }
    }
}
