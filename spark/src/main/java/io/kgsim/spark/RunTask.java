package io.kgsim.spark;

import io.kgsim.batch.RunOne;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.sweep.SweepSource;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import java.util.ArrayList;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * What a Spark task does with its partition of run numbers (one run each): simulates them on the
 * executor, from the plan rebuilt out of the sweep's source, and returns their outcomes. Only
 * the source travels (text, broadcast once per executor), never the plan.
 */
final class RunTask extends AbstractFunction1<Iterator<Long>, ArrayList<RunRow>> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Broadcast<SweepSource> source;

    RunTask(Broadcast<SweepSource> source) {
        this.source = source;
    }

    @Override
    public ArrayList<RunRow> apply(Iterator<Long> runs) {
        SweepPlan plan = ExecutorPlans.of(source.value());
        ArrayList<RunRow> rows = new ArrayList<>();
        while (runs.hasNext()) {
            rows.add(RunRow.of(RunOne.run(plan, runs.next(), null)));
        }
        return rows;
    }
}
