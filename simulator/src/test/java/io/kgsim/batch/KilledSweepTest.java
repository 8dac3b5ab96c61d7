package io.kgsim.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.report.TraceOptions;
import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.testing.SweepPlans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep killed with SIGKILL in another JVM, at whatever point it happened to be: resuming it
 * runs exactly the runs its journal does not hold and gives the files an uninterrupted sweep gives.
 */
class KilledSweepTest {
    private static final List<String> STRATEGIES = List.of("range");
    private static final String SEEDS = "1..60";

    @TempDir
    Path tmp;

    /**
     * The child: the sweep into {@code args[0]}, on two threads, until it is killed. Past the
     * first point each run also sleeps a little (which changes no figure), so the parent has
     * time to kill it before it ends.
     */
    public static void main(String[] args) throws Exception {
        SweepPlan plan = SweepPlans.tiny(STRATEGIES, SEEDS);
        LocalEngine slowing = new LocalEngine((p, index) -> {
            RunOutcome o = RunOne.run(p, index, null);
            try {
                Thread.sleep(index >= 60 ? 100 : 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return o;
        });
        SweepJob.open(plan, Path.of(args[0]), new SweepJob.Options(slowing, 2, false, false, TraceOptions.FULL, null)).run();
    }

    @Test
    void aSweepKilledMidwayResumesWithoutRunningAFinishedRunAgain() throws Exception {
        Path dir = tmp.resolve("killed");
        Path journal = dir.resolve(".kgsim-sweep/journal.jsonl");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), KilledSweepTest.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(journal) || Files.readAllLines(journal).size() < 70) {
                assertTrue(child.isAlive(), () -> "the sweep ended before it was killed: " + read(tmp.resolve("child.txt")));
                assertTrue(System.nanoTime() < deadline, "the sweep never got going");
                Thread.sleep(10);
            }
        } finally {
            child.destroyForcibly();   // SIGKILL: no shutdown hook, no flush
            child.waitFor(30, TimeUnit.SECONDS);
        }
        SweepPlan plan = SweepPlans.tiny(STRATEGIES, SEEDS);
        TreeSet<Long> journaled = new TreeSet<>();
        for (String line : Files.readAllLines(journal)) {
            try {
                journaled.add(JournalLine.read(line, plan).index());
            } catch (IllegalArgumentException torn) {
                // the line being written when the kill came
            }
        }
        TestEngines.Recording engine = new TestEngines.Recording();
        SweepJob.open(plan, dir, new SweepJob.Options(engine, 2, true, false, TraceOptions.FULL, null)).run();
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < plan.runs(); i++) {
            if (!journaled.contains(i)) {
                expected.add(i);
            }
        }
        assertTrue(journaled.size() >= 70 && journaled.size() < plan.runs(), "killed midway: " + journaled.size());
        assertEquals(expected, engine.asked, "exactly the runs the journal did not hold");

        Path whole = tmp.resolve("whole");
        SweepJob.open(plan, whole, new SweepJob.Options(new LocalEngine(), 2, false, false, TraceOptions.FULL, null)).run();
        for (String f : List.of("runs.csv", "cells.csv")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(dir.resolve(f)), f);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
