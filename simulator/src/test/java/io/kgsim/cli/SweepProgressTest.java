package io.kgsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kgsim.sweep.RunOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class SweepProgressTest {
    @Test
    void showsRunsDoneTheirRateTheTimeLeftAndFailures() {
        assertEquals("  [############                  ]  40%  1,200 of 3,000 runs  12.5 runs/s  2m 24s left  3 failed",
                SweepProgress.line(1200, 3000, 3, 12.5));
        assertEquals("  [##############################] 100%  10 of 10 runs  4.0 runs/s  0s left", SweepProgress.line(10, 10, 0, 4));
        assertEquals("1h 02m", SweepProgress.clock(3725));
    }

    @Test
    void countsWithoutDrawingWhenStderrIsNotATerminal() {
        ByteArrayOutputStream drawn = new ByteArrayOutputStream();
        SweepProgress quiet = new SweepProgress(null);
        quiet.started(10, 4, 0);
        quiet.finished(RunOutcome.failed(5, 1, "range", "x"), 5, 10, 1);
        assertEquals(5, quiet.done());
        SweepProgress shown = new SweepProgress(new PrintStream(drawn));
        shown.started(10, 0, 0);
        shown.finished(RunOutcome.failed(0, 1, "range", "x"), 1, 10, 1);
        assertEquals(0, drawn.size(), "nothing in the first two seconds: a short sweep draws no bar");
    }
}
