package io.kgsim.batch;

import io.kgsim.report.OutputFailure;
import io.kgsim.report.RunOutput;
import io.kgsim.report.SweepReport;
import io.kgsim.report.TraceOptions;
import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A sweep from start (or from where an interrupted one stopped) to its committed outputs, whatever
 * engine runs the runs: works out the runs still to do, hands them to the engine, journals each
 * outcome as it arrives (a failed run is an outcome: the sweep goes on), finishes the points in
 * grid order as their runs come in ({@code runs.csv} and {@code cells.csv} rows, then the
 * point's figures are dropped), and at the end writes the charts and report.html and the
 * engine's own files, staged and moved into the output directory together. The outputs depend
 * only on the plan: not on the engine, the threads, the order runs finished in, nor on whether
 * the sweep was interrupted and resumed. Called by {@code kgsim sweep} and by the Spark module's
 * {@code spark-submit} main alike:
 * <pre>{@code SweepJob.Result r = SweepJob.open(plan, dir, options).run();}</pre>
 */
public final class SweepJob {
    /** Hears of the runs as they finish (on one thread at a time): a progress bar. */
    public interface Listener {
        /** Before the first run: how many runs there are, how many (and of those, how many failed) a previous process finished. */
        default void started(long total, long done, long failed) {
        }

        /** Run {@code o} finished; {@code done} runs of {@code total} are finished now, {@code failed} of them failed. */
        default void finished(RunOutcome o, long done, long total, long failed) {
        }
    }

    /**
     * @param threads runs at once where the engine decides that (null: every core)
     * @param resume take up the interrupted sweep in the output directory (without it, one there is refused)
     * @param keepRuns write each run's full outputs too (the local engine only); {@code keptTrace} their trace
     */
    public record Options(SweepEngine engine, Integer threads, boolean resume, boolean keepRuns, TraceOptions keptTrace, Listener listener) {
        public Options {
            listener = listener == null ? new Listener() { } : listener;
            if (keepRuns && !(engine instanceof LocalEngine)) {
                throw new IllegalArgumentException("--keep-runs writes each run's files on this machine: the local engine only");
            }
        }

        /** The local engine on every core, no resume, no kept runs, no listener. */
        public static Options local() {
            return new Options(new LocalEngine(), null, false, false, TraceOptions.FULL, null);
        }
    }

    /**
     * What the sweep left.
     *
     * @param failed the first failed runs (at most 100), in run order; {@code failedTotal} how many in all
     * @param violating the first runs that broke an invariant, in run order; {@code violatingTotal} how many
     * @param written the files written into the output directory, runs.csv and cells.csv first
     * @param failures outputs that could not be rendered (a chart, the report, a kept run's chart)
     */
    public record Result(long runs, List<RunOutcome> failed, long failedTotal, List<RunOutcome> violating, long violatingTotal,
            List<String> written, List<OutputFailure> failures) {
    }

    private final SweepPlan plan;
    private final Path dir;
    private final Options options;
    private final KeptRuns kept;
    private final SweepEngine engine;
    private final SweepJournal journal;
    private final PointAssembler assembler;
    private final BitSet finished = new BitSet();
    private long done;
    private long failed;

    private SweepJob(SweepPlan plan, Path dir, Options options, SweepJournal journal) {
        this.plan = plan;
        this.dir = dir;
        this.options = options;
        this.kept = options.keepRuns() ? new KeptRuns(dir, options.keptTrace()) : null;
        this.engine = kept != null ? new LocalEngine(kept) : options.engine();
        this.journal = journal;
        this.assembler = new PointAssembler(plan, journal.finalPoints(), journal::appendPoint);
    }

    /**
     * Opens the sweep's journal in {@code dir} and takes up what a previous process finished
     * (its points still unwritten are written now); runs nothing.
     *
     * @throws SweepRefusedException (nothing run, nothing written) when {@code dir} holds an interrupted
     *     sweep and {@code options} do not resume it, or holds another sweep's journal
     */
    public static SweepJob open(SweepPlan plan, Path dir, Options options) throws SweepRefusedException, IOException {
        if (plan.runs() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a sweep of " + plan.runs() + " runs is more than one process can track");
        }
        SweepJournal journal = SweepJournal.open(plan, dir, options.resume());
        SweepJob job = new SweepJob(plan, dir, options, journal);
        try {
            journal.replay(job::take);
        } catch (SweepRefusedException | IOException | RuntimeException e) {
            journal.close();
            throw e;
        }
        return job;
    }

    /** An outcome, from the journal or the engine: counted, and given to the point it belongs to. */
    private void take(RunOutcome o) throws IOException {
        if (finished.get((int) o.index())) {
            return;
        }
        finished.set((int) o.index());
        done++;
        failed += o.status() == RunOutcome.Status.FAILED ? 1 : 0;
        assembler.accept(o);
    }

    /** Whether a previous process's journal was taken up. */
    public boolean resumed() {
        return journal.resumed();
    }

    /** The runs finished before this process started (a resumed sweep's), none run again. */
    public long alreadyDone() {
        return done;
    }

    /** The engine that runs the runs. */
    public SweepEngine engine() {
        return engine;
    }

    /**
     * Runs what is left and writes the outputs.
     *
     * @throws InterruptedException when stopped: the journal keeps what finished, for {@code --resume}
     */
    public Result run() throws IOException, InterruptedException {
        try {
            long[] todo = todo();
            options.listener().started(plan.runs(), done, failed);
            engine.execute(plan, todo, options.threads(), this::record);
            if (!assembler.done()) {
                throw new IllegalStateException("the " + engine.name() + " engine returned before every run of the sweep finished");
            }
            return finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            journal.close();
        }
    }

    /** The runs not finished yet, in run order. */
    private long[] todo() {
        long[] todo = new long[(int) (plan.runs() - done)];
        int k = 0;
        for (int i = finished.nextClearBit(0); i < plan.runs(); i = finished.nextClearBit(i + 1)) {
            todo[k++] = i;
        }
        return todo;
    }

    /** The engine's sink: into the journal first (so it is never run again), then into its point. */
    private void record(RunOutcome o) {
        try {
            journal.record(o);
            take(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        options.listener().finished(o, done, plan.runs(), failed);
    }

    /** runs.csv and cells.csv from the journal, the charts and report, the engine's files: staged, then moved in together. */
    private Result finish() throws IOException {
        List<OutputFailure> failures = new ArrayList<>(kept == null ? List.of() : kept.failures());
        List<String> written = new ArrayList<>(List.of("runs.csv", "cells.csv"));
        try (RunOutput output = new RunOutput(dir)) {
            Path staging = output.file(".").getParent();
            journal.copyOutputs(staging);
            written.addAll(SweepReport.write(plan, assembler.statistics(), plan.metric(), assembler.failed(), assembler.failedTotal(),
                    staging, failures));
            try {
                written.addAll(engine.extraOutputs(plan, staging));
            } catch (IOException | RuntimeException e) {
                failures.add(new OutputFailure(engine.name() + " engine's files", e));
            }
            output.commit();
        }
        journal.delete();
        return new Result(plan.runs(), assembler.failed(), assembler.failedTotal(), assembler.violating(), assembler.violatingTotal(),
                List.copyOf(written), List.copyOf(failures));
    }
}
