package io.kgsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final long MINUTE = 60_000_000L;

    @Test
    void oneRunShowsItsVirtualTimeOutOfTheScenarioDuration() {
        assertEquals("  [###############               ]  50%  180.000s of 360.000s  1.5 M events/s",
                Progress.line(new long[] {3 * MINUTE}, 6 * MINUTE, "runs", 1.5e6));
    }

    @Test
    void aComparisonCountsStrategiesAndItsTotalIsOneScenarioDurationEach() {
        // Two done, one at 2 minutes, one not started: 14 of 24 strategy-minutes.
        String line = Progress.line(new long[] {6 * MINUTE, 2 * MINUTE, 6 * MINUTE, 0}, 6 * MINUTE, "strategies", 2e6);
        assertEquals("  [##################            ]  58%  2 of 4 strategies done, next at 120.000s of 360.000s  2.0 M events/s", line,
                "never out of the sum of the durations");
        String done = Progress.line(new long[] {6 * MINUTE, 6 * MINUTE}, 6 * MINUTE, "strategies", 1e6);
        assertTrue(done.contains("100%  2 of 2 strategies done  "), done);
    }

    @Test
    void theLauncherDecidesWhetherStderrIsATerminal() {
        assertTrue(Progress.stderrIsTerminal("tty", false), "stderr a terminal, stdout redirected");
        assertFalse(Progress.stderrIsTerminal("none", true), "stderr redirected, stdout a terminal");
        assertTrue(Progress.stderrIsTerminal(null, true), "java -jar without the launcher: System.console() is the guess left");
        assertFalse(Progress.stderrIsTerminal(null, false));
    }
}
