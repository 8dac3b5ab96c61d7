package io.kgsim.batch;

import io.kgsim.engine.SimulationException;
import io.kgsim.report.RunArtifacts;
import io.kgsim.scenario.Scenario;
import io.kgsim.sim.RunResult;
import io.kgsim.stats.RunFigures;
import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.sweep.SweepRun;

/** One run of a sweep, on the calling thread, whatever engine calls it: its figures or its error. */
public final class RunOne {
    private RunOne() {
    }

    /** Simulates run {@code index} of {@code plan}, reporting progress to {@code sink} (may be null). */
    public static RunOutcome run(SweepPlan plan, long index, RunArtifacts.ProgressSink sink) {
        SweepRun run = plan.run(index);
        String strategy = plan.strategies().get(run.strategy());
        Scenario scenario = plan.scenario(run);
        try {
            return outcome(index, run.seed(), strategy, RunArtifacts.simulate(scenario, sink));
        } catch (SimulationException e) {
            return RunOutcome.failed(index, run.seed(), strategy, e.getMessage());
        }
    }

    /** The outcome of a run that finished: its figures, and whether it kept every invariant. */
    static RunOutcome outcome(long index, long seed, String strategy, RunResult r) {
        RunOutcome.Status status = r.invariantViolations() > 0 ? RunOutcome.Status.INVARIANT_VIOLATED : RunOutcome.Status.OK;
        return new RunOutcome(index, RunFigures.of(seed, strategy, r), status, null);
    }
}
