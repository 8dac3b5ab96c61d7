package io.kgsim.spark;

import io.kgsim.stats.RunFigures;
import io.kgsim.sweep.RunOutcome;
import java.io.Serializable;

/**
 * A {@link RunOutcome} as it travels back from an executor: Spark serializes task results, and
 * the simulator's records are not {@link Serializable} (the simulator knows nothing of Spark).
 */
record RunRow(long index, long seed, String strategy, double[] values, RunOutcome.Status status, String error)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    static RunRow of(RunOutcome o) {
        RunFigures f = o.figures();
        return new RunRow(o.index(), f.seed(), f.strategy(), f.values(), o.status(), o.error());
    }

    RunOutcome outcome() {
        return new RunOutcome(index, new RunFigures(seed, strategy, values), status, error);
    }
}
