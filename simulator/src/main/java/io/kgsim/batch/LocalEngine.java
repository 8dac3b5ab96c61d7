package io.kgsim.batch;

import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.function.Consumer;

/**
 * The {@code local} engine: the runs on the threads of this JVM, one simulation per thread.
 * Runs are submitted in the order given, at most {@link #AHEAD_PER_THREAD} per thread ahead of
 * those handed back, so however many runs a sweep has, only that window's outcomes are in
 * memory, and the caller's point-by-point assembly waits on few stragglers. Outcomes are handed
 * to the sink on the calling thread as they finish.
 */
public final class LocalEngine implements SweepEngine {
    /** Runs submitted per thread beyond those finished: enough to keep every thread busy. */
    public static final int AHEAD_PER_THREAD = 4;

    /** Simulates one run of a plan, on the calling thread. */
    @FunctionalInterface
    public interface Runner {
        RunOutcome run(SweepPlan plan, long index);
    }

    private final Runner runner;

    /** The engine {@code --engine local} finds: each run simulated, only its figures kept. */
    public LocalEngine() {
        this((plan, index) -> RunOne.run(plan, index, null));
    }

    /** An engine whose runs are made by {@code runner} ({@code --keep-runs}: each run also writes its files). */
    public LocalEngine(Runner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public void execute(SweepPlan plan, long[] todo, Integer threads, Consumer<RunOutcome> sink) throws InterruptedException {
        int pool = ParallelRuns.threads(threads, todo.length);
        int window = pool * AHEAD_PER_THREAD;
        try (ParallelRuns runs = new ParallelRuns(pool)) {
            CompletionService<RunOutcome> finished = new ExecutorCompletionService<>(runs.executor());
            int submitted = 0;
            int inFlight = 0;
            while (submitted < todo.length || inFlight > 0) {
                while (submitted < todo.length && inFlight < window) {
                    long index = todo[submitted++];
                    finished.submit(() -> runner.run(plan, index));
                    inFlight++;
                }
                RunOutcome o = outcome(finished);
                inFlight--;
                sink.accept(o);
            }
        }
    }

    /** The next outcome; a run that threw something else than a simulation error is a kgsim bug, rethrown. */
    private static RunOutcome outcome(CompletionService<RunOutcome> finished) throws InterruptedException {
        try {
            return finished.take().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
