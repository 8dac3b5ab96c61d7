package io.kgsim.batch;

import io.kgsim.engine.SimulationException;
import io.kgsim.report.HtmlReport;
import io.kgsim.report.OutputFailure;
import io.kgsim.report.OutputsFailedException;
import io.kgsim.report.RunArtifacts;
import io.kgsim.report.TraceOptions;
import io.kgsim.sim.RunResult;
import io.kgsim.stats.RunFigures;
import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.sweep.SweepPoint;
import io.kgsim.sweep.SweepRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code --keep-runs}: each run also writes every file {@code kgsim run} writes, into
 * {@code DIR/runs/<point>/<strategy>/seed-<n>/}, where {@code <point>} is the point's number
 * in grid order from 1 and its values, e.g. {@code 2-30s_400} (characters a file name should
 * not hold become {@code -}). Each run's files are staged and moved in whole, so a killed sweep
 * leaves no half-written run. A chart that fails to render is remembered, not fatal.
 */
final class KeptRuns implements LocalEngine.Runner {
    private final Path dir;
    private final TraceOptions trace;
    private final List<OutputFailure> failures = Collections.synchronizedList(new ArrayList<>());

    KeptRuns(Path dir, TraceOptions trace) {
        this.dir = dir;
        this.trace = trace;
    }

    @Override
    public RunOutcome run(SweepPlan plan, long index) {
        SweepRun run = plan.run(index);
        String strategy = plan.strategies().get(run.strategy());
        String where = directory(plan.points().get(run.point()), strategy, run.seed());
        try {
            RunResult r = RunArtifacts.runAndWrite(plan.scenario(run), dir.resolve(where), null, null, trace);
            return RunOne.outcome(index, run.seed(), strategy, r);
        } catch (OutputsFailedException e) {
            e.failures().forEach(f -> failures.add(new OutputFailure(where + "/" + f.output(), f.error())));
            return RunOne.outcome(index, run.seed(), strategy, e.result());
        } catch (SimulationException e) {
            return RunOutcome.failed(index, run.seed(), strategy, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code runs/<n>-<values>/<strategy>/seed-<seed>}. */
    static String directory(SweepPoint point, String strategy, long seed) {
        String values = point.values().isEmpty() ? "all" : String.join("_", point.values()).replaceAll("[^A-Za-z0-9._-]", "-");
        return "runs/" + (point.index() + 1) + "-" + values + "/" + HtmlReport.strategyDirectory(strategy) + "/seed-" + seed;
    }

    /** The kept runs' outputs that could not be rendered. */
    List<OutputFailure> failures() {
        return List.copyOf(failures);
    }
}
