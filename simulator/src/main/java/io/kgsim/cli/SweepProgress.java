package io.kgsim.cli;

import io.kgsim.batch.SweepJob;
import io.kgsim.sweep.RunOutcome;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A sweep's progress bar on stderr: runs finished of all the sweep's runs (those a previous process
 * finished included), the rate of this process's runs per second, the time left at that rate and
 * the failures so far. Drawn only when stderr is a terminal (see {@link Progress}); counts anyway,
 * so an interrupted sweep can say how far it got. Reads the wall clock for display only.
 */
final class SweepProgress implements SweepJob.Listener {
    private final PrintStream out;
    /** Made when the runs start (the rate counts from there); null before, and when not drawing. */
    private StatusLine status;
    private long doneBefore;
    private volatile long done;
    private volatile long total;

    /** @param out where to draw, or null to count only */
    SweepProgress(PrintStream out) {
        this.out = out;
    }

    /** A bar on stderr when it is a terminal; else one that only counts. */
    static SweepProgress onTerminal() {
        boolean terminal = Progress.stderrIsTerminal(System.getProperty(Progress.PROPERTY), System.console() != null);
        return new SweepProgress(terminal ? System.err : null);
    }

    @Override
    public void started(long total, long done, long failed) {
        this.status = out == null ? null : new StatusLine(out);
        this.doneBefore = done;
        this.done = done;
        this.total = total;
    }

    @Override
    public void finished(RunOutcome o, long done, long total, long failed) {
        this.done = done;
        long now = System.nanoTime();
        if (status != null && status.due(now)) {
            status.draw(line(done, total, failed, (done - doneBefore) / status.seconds(now)));
        }
    }

    /** Runs finished so far, this process's and a previous one's. */
    long done() {
        return done;
    }

    long total() {
        return total;
    }

    /** {@code [####   ]  40%  1,200 of 3,000 runs  12.5 runs/s  2m 24s left  3 failed}. */
    static String line(long done, long total, long failed, double runsPerSecond) {
        String left = runsPerSecond > 0 ? clock((long) Math.ceil((total - done) / runsPerSecond)) + " left" : "";
        return String.format(Locale.ROOT, "  %s  %,d of %,d runs  %.1f runs/s  %s%s", Progress.bar(done / (double) Math.max(1, total)), done,
                total, runsPerSecond, left, failed > 0 ? "  " + failed + " failed" : "");
    }

    /** Whole seconds as {@code 45s}, {@code 2m 05s}, {@code 1h 02m}. */
    static String clock(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }

    /** Clears the bar, if it was ever shown. */
    void finish() {
        if (status != null) {
            status.clear();
        }
    }
}
