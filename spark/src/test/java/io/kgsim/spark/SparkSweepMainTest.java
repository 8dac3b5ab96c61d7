package io.kgsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SparkSweepMainTest {
    @Test
    void theArgumentsAreASweepsWithTheSparkEngine() {
        assertEquals(List.of("sweep", "s.yaml", "--out", "/tmp/o", "--engine", "spark"),
                List.of(SparkSweepMain.sweepArgs(new String[] {"s.yaml", "--out", "/tmp/o"})));
    }

    @Test
    void anEngineTheUserNamedIsLeftForTheCommandToCheck() {
        assertEquals(List.of("sweep", "s.yaml", "--engine=local"), List.of(SparkSweepMain.sweepArgs(new String[] {"s.yaml", "--engine=local"})));
    }
}
