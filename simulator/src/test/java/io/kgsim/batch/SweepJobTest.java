package io.kgsim.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.report.TraceOptions;
import io.kgsim.stats.RunFigures;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.testing.SweepPlans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's outputs depend on the plan alone: not on the threads, the order runs finish in, nor
 * on an interruption and resume; finished runs are never run again, a failed run is a row and
 * the sweep goes on, and a directory holding another (or an interrupted) sweep is refused.
 */
class SweepJobTest {
    private static final List<String> STRATEGIES = List.of("range", "cooperative-sticky");

    @TempDir
    Path tmp;

    private static SweepPlan plan() throws Exception {
        // 2 points x 2 strategies x 3 seeds = 12 runs, 6 per point.
        return SweepPlans.tiny(STRATEGIES, "1..3");
    }

    private static SweepJob.Options options(SweepEngine engine, Integer threads, boolean resume) {
        return new SweepJob.Options(engine, threads, resume, false, TraceOptions.FULL, null);
    }

    private static SweepJob.Result sweep(SweepPlan plan, Path dir, SweepJob.Options options) throws Exception {
        return SweepJob.open(plan, dir, options).run();
    }

    private static void assertSameFiles(Path expected, Path actual) throws Exception {
        for (String f : List.of("runs.csv", "cells.csv")) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), f);
        }
    }

    @Test
    void runsAndCellsAreTheSameBytesWithOneOrFourThreadsOrInAnyOrder() throws Exception {
        SweepPlan plan = plan();
        SweepJob.Result one = sweep(plan, tmp.resolve("one"), options(new LocalEngine(), 1, false));
        sweep(plan, tmp.resolve("four"), options(new LocalEngine(), 4, false));
        sweep(plan, tmp.resolve("shuffled"), options(TestEngines.shuffled(7), null, false));
        assertSameFiles(tmp.resolve("one"), tmp.resolve("four"));
        assertSameFiles(tmp.resolve("one"), tmp.resolve("shuffled"));

        assertEquals(12, one.runs());
        assertEquals(0, one.failedTotal());
        assertTrue(one.written().containsAll(List.of("runs.csv", "cells.csv", "report.html")), one.written().toString());
        assertFalse(Files.exists(tmp.resolve("one/.kgsim-sweep")), "the journal goes once the outputs are committed");
        List<String> runs = Files.readAllLines(tmp.resolve("one/runs.csv"));
        assertEquals(13, runs.size());
        assertEquals(SweepPlans.PATH + ",strategy,seed,status,error," + String.join(",", RunFigures.METRICS.stream().map(m -> m.name()).toList()),
                runs.get(0));
        assertTrue(runs.get(1).startsWith("6000,range,1,ok,,"), runs.get(1));
        assertTrue(runs.get(4).startsWith("6000,cooperative-sticky,1,ok,,"), "strategy by strategy within a point: " + runs.get(4));
        assertTrue(runs.get(7).startsWith("10000,range,1,ok,,"), "point by point: " + runs.get(7));
        List<String> cells = Files.readAllLines(tmp.resolve("one/cells.csv"));
        assertEquals(1 + 2 * 2 * RunFigures.METRICS.size(), cells.size());
        assertEquals(SweepPlans.PATH + ",strategy,metric,n,failed,mean,sd,median,p5,p95,ci95Low,ci95High,rank,indistinguishableFrom", cells.get(0));
        assertTrue(cells.get(1).startsWith("6000,range,rebalances,3,0,"), cells.get(1));
    }

    @Test
    void anInterruptedSweepResumesToTheSameBytesWithoutRunningAFinishedRunAgain() throws Exception {
        SweepPlan plan = plan();
        sweep(plan, tmp.resolve("whole"), options(new LocalEngine(), 2, false));
        Path dir = tmp.resolve("cut");
        // Killed after 8 runs on one thread: point 1 final (6 runs), 2 runs of point 2 journaled.
        assertThrows(TestEngines.Killed.class, () -> sweep(plan, dir, options(TestEngines.killedAfter(8), null, false)));
        assertTrue(Files.isDirectory(dir.resolve(".kgsim-sweep")));
        assertFalse(Files.exists(dir.resolve("runs.csv")), "nothing half-written in the output directory itself");

        SweepRefusedException refused = assertThrows(SweepRefusedException.class, () -> SweepJob.open(plan, dir, options(new LocalEngine(), 1, false)));
        assertTrue(refused.getMessage().contains("8 of 12 runs done") && refused.getMessage().contains("add --resume"), refused.getMessage());

        TestEngines.Recording engine = new TestEngines.Recording();
        SweepJob job = SweepJob.open(plan, dir, options(engine, null, true));
        assertTrue(job.resumed());
        assertEquals(8, job.alreadyDone());
        job.run();
        assertEquals(List.of(8L, 9L, 10L, 11L), engine.asked, "only the runs the journal does not hold");
        assertSameFiles(tmp.resolve("whole"), dir);
        assertFalse(Files.exists(dir.resolve(".kgsim-sweep")));
    }

    @Test
    void aTornJournalLineIsRunAgainAndRunsFinishedOutOfOrderAreNot() throws Exception {
        SweepPlan plan = plan();
        sweep(plan, tmp.resolve("whole"), options(new LocalEngine(), 2, false));
        Path dir = tmp.resolve("cut");
        assertThrows(TestEngines.Killed.class, () -> sweep(plan, dir, options(TestEngines.killedAfter(7), null, false)));
        Path journal = dir.resolve(".kgsim-sweep");
        // Run 11 finished ahead of runs 8-10, run 9 was being written when the process died,
        // and rows past the last final point were half appended.
        Files.writeString(journal.resolve("journal.jsonl"), JournalLine.write(RunOne.run(plan, 11, null)) + "\n"
                + JournalLine.write(RunOne.run(plan, 9, null)).substring(0, 30), StandardOpenOption.APPEND);
        Files.writeString(journal.resolve("runs.csv"), "10000,range,1,ok,,3", StandardOpenOption.APPEND);

        TestEngines.Recording engine = new TestEngines.Recording();
        SweepJob.open(plan, dir, options(engine, null, true)).run();
        assertEquals(List.of(7L, 8L, 9L, 10L), engine.asked);
        assertSameFiles(tmp.resolve("whole"), dir);
    }

    @Test
    void aFailedRunIsARowWithItsErrorAndTheSweepGoesOn() throws Exception {
        SweepPlan plan = plan();
        SweepJob.Result r = sweep(plan, tmp.resolve("f"), options(TestEngines.failing(i -> i == 4), 2, false));
        assertEquals(1, r.failedTotal());
        assertEquals(4, r.failed().get(0).index());
        List<String> runs = Files.readAllLines(tmp.resolve("f/runs.csv"));
        assertEquals(13, runs.size(), "every run has its row");
        String empty = ",".repeat(RunFigures.METRICS.size());
        assertEquals("6000,cooperative-sticky,2,failed,simulation failed at t=1.000s: injected" + empty, runs.get(5));
        assertTrue(runs.get(6).startsWith("6000,cooperative-sticky,3,ok,,"), runs.get(6));
        assertEquals(12, runs.stream().filter(l -> l.contains(",ok,")).count() + 1);
        String cell = Files.readAllLines(tmp.resolve("f/cells.csv")).stream()
                .filter(l -> l.startsWith("6000,cooperative-sticky,rebalances,")).findFirst().orElseThrow();
        assertTrue(cell.startsWith("6000,cooperative-sticky,rebalances,2,1,"), "two seeds' figures, one failed: " + cell);
    }

    @Test
    void theJournalOfAnotherSweepIsRefusedAndLeftAlone() throws Exception {
        Path dir = tmp.resolve("d");
        SweepPlan plan = plan();
        assertThrows(TestEngines.Killed.class, () -> sweep(plan, dir, options(TestEngines.killedAfter(3), null, false)));
        byte[] before = Files.readAllBytes(dir.resolve(".kgsim-sweep/journal.jsonl"));
        SweepPlan other = SweepPlans.tiny(STRATEGIES, "1..4");
        SweepRefusedException e = assertThrows(SweepRefusedException.class, () -> SweepJob.open(other, dir, options(new LocalEngine(), 1, true)));
        assertTrue(e.getMessage().contains("another sweep") && e.getMessage().contains("3 of 12 runs done"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve(".kgsim-sweep/journal.jsonl")));
    }
}
