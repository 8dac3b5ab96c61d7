package io.kgsim.batch;

import io.kgsim.report.SweepRunsCsv;
import io.kgsim.stats.RunFigures;
import io.kgsim.stats.SeedStatistics;
import io.kgsim.sweep.PointStatistics;
import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.sweep.SweepPoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Puts outcomes, which arrive in any order, back into run order a point at a time: once every run
 * of the next unfinished point is in, its statistics are computed, its rows handed to the
 * {@link PointWriter} (unless a previous process already wrote them) and its figures dropped.
 * Holds the figures of the runs that finished ahead of the next unfinished point only (the
 * local engine submits a bounded window ahead), and a point's statistics (no figures) for the
 * report, whose charts span the points.
 */
final class PointAssembler {
    /** At most this many failed (and invariant-breaking) runs are kept to be named; the rest are counted. */
    static final int NAMED = 100;

    /** Where a finished point's rows go. */
    interface PointWriter {
        void write(List<SweepRunsCsv.Row> rows, PointStatistics stats) throws IOException;
    }

    private final SweepPlan plan;
    private final int written;
    private final PointWriter writer;
    private final TreeMap<Long, RunOutcome> pending = new TreeMap<>();
    private final List<PointStatistics> statistics = new ArrayList<>();
    private final List<RunOutcome> failed = new ArrayList<>();
    private final List<RunOutcome> violating = new ArrayList<>();
    private long failedTotal;
    private long violatingTotal;
    private int next;

    /** @param written the points whose rows are already written (a resumed sweep's): only their statistics are made again */
    PointAssembler(SweepPlan plan, int written, PointWriter writer) {
        this.plan = plan;
        this.written = written;
        this.writer = writer;
    }

    /** Takes one outcome; a run already taken is ignored. */
    void accept(RunOutcome o) throws IOException {
        if (o.index() < (long) next * plan.runsPerPoint()) {
            return;
        }
        pending.putIfAbsent(o.index(), o);
        while (next < plan.points().size() && complete(next)) {
            finish(next);
            next++;
        }
    }

    private boolean complete(int point) {
        long first = (long) point * plan.runsPerPoint();
        return pending.subMap(first, first + plan.runsPerPoint()).size() == plan.runsPerPoint();
    }

    private void finish(int point) throws IOException {
        long first = (long) point * plan.runsPerPoint();
        List<RunOutcome> outcomes = new ArrayList<>(pending.subMap(first, first + plan.runsPerPoint()).values());
        pending.subMap(first, first + plan.runsPerPoint()).clear();
        SweepPoint p = plan.points().get(point);
        int[] failedPerStrategy = new int[plan.strategies().size()];
        List<RunFigures> figures = new ArrayList<>();
        List<SweepRunsCsv.Row> rows = new ArrayList<>();
        for (RunOutcome o : outcomes) {
            figures.add(o.figures());
            rows.add(new SweepRunsCsv.Row(plan, plan.run(o.index()), o));
            if (o.status() == RunOutcome.Status.FAILED) {
                failedPerStrategy[plan.run(o.index()).strategy()]++;
                failedTotal++;
                keep(failed, o);
            } else if (o.status() == RunOutcome.Status.INVARIANT_VIOLATED) {
                violatingTotal++;
                keep(violating, o);
            }
        }
        PointStatistics stats = new PointStatistics(p, SeedStatistics.of(plan.strategies(), plan.seeds().seeds(), figures), failedPerStrategy);
        statistics.add(stats);
        if (point >= written) {
            writer.write(rows, stats);
        }
    }

    private static void keep(List<RunOutcome> named, RunOutcome o) {
        if (named.size() < NAMED) {
            named.add(o);
        }
    }

    /** Whether every point is finished. */
    boolean done() {
        return next == plan.points().size();
    }

    /** Every finished point's statistics, in grid order. */
    List<PointStatistics> statistics() {
        return List.copyOf(statistics);
    }

    /** The first {@link #NAMED} failed runs, in run order. */
    List<RunOutcome> failed() {
        return List.copyOf(failed);
    }

    long failedTotal() {
        return failedTotal;
    }

    /** The first {@link #NAMED} runs that broke an invariant, in run order. */
    List<RunOutcome> violating() {
        return List.copyOf(violating);
    }

    long violatingTotal() {
        return violatingTotal;
    }
}
