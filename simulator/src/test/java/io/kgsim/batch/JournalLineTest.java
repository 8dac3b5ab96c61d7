package io.kgsim.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.stats.RunFigures;
import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.testing.SweepPlans;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalLineTest {
    @Test
    void everyDoubleReadsBackAsTheSameDoubleAndNaNAsNull() throws Exception {
        SweepPlan plan = SweepPlans.tiny(List.of("range"), "5..6");
        double[] v = new double[RunFigures.METRICS.size()];
        double[] awkward = {0.1 + 0.2, Double.MIN_VALUE, 1e-300, 123456.789012345, 1.0 / 3, Double.NaN, 9.007199254740993E15, -0.0, 3, 1e22};
        for (int i = 0; i < v.length; i++) {
            v[i] = awkward[i % awkward.length] * (i + 1);
        }
        RunOutcome o = new RunOutcome(3, new RunFigures(6, "range", v), RunOutcome.Status.INVARIANT_VIOLATED, "a \"quoted\"\nerror");
        String line = JournalLine.write(o);
        assertTrue(!line.contains("\n") && line.contains("null") && !line.contains("NaN"), line);
        RunOutcome back = JournalLine.read(line, plan);
        assertEquals(o.index(), back.index());
        assertEquals(o.status(), back.status());
        assertEquals(o.error(), back.error());
        assertEquals(o.figures(), back.figures(), "seed and strategy from the plan, every figure bit for bit");
        assertArrayEquals(o.figures().values(), back.figures().values());
    }

    @Test
    void aLineOfAnotherSweepOrCutShortIsRefused() throws Exception {
        SweepPlan plan = SweepPlans.tiny(List.of("range"), "5..6");
        String line = JournalLine.write(RunOutcome.failed(1, 6, "range", "boom"));
        assertEquals(RunOutcome.Status.FAILED, JournalLine.read(line, plan).status());
        assertThrows(IllegalArgumentException.class, () -> JournalLine.read(line.substring(0, line.length() - 3), plan));
        assertThrows(IllegalArgumentException.class, () -> JournalLine.read(line.replace("\"run\":1", "\"run\":4"), plan), "4 runs: 0..3");
    }
}
