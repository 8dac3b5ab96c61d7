package io.kgsim.batch;

import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What executes a sweep's runs: the local engine (threads of this JVM) or another module's (a
 * Spark job), found by {@link java.util.ServiceLoader} under its {@link #name()}. An engine only
 * runs: which runs to do, the journal that makes a sweep resumable and every output are the
 * caller's, so the outputs are the same bytes whichever engine ran the runs.
 */
public interface SweepEngine {
    /** What {@code --engine} calls it, e.g. {@code local} or {@code spark}. */
    String name();

    /**
     * Runs the runs of {@code plan} numbered {@code todo}, in any order and on any threads, and
     * hands each outcome to {@code sink} as it finishes (calls to {@code sink} never overlap).
     * A run's failure is an outcome, not an exception.
     *
     * @param threads how many runs at once, where the engine decides that (null: every core)
     */
    void execute(SweepPlan plan, long[] todo, Integer threads, Consumer<RunOutcome> sink) throws InterruptedException;

    /**
     * Files this engine writes beside the common outputs (Spark: {@code runs.parquet}), into
     * {@code staging} once {@code runs.csv} there is complete, before the outputs are committed.
     *
     * @return the names of the files written
     */
    default List<String> extraOutputs(SweepPlan plan, Path staging) throws IOException {
        return List.of();
    }
}
