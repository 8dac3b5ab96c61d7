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
    private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
    private static final long EVERY_NANOS = 250_000_000L;

    private final PrintStream out;
    private long startNanos;
    private long doneBefore;
    private volatile long done;
    private volatile long total;
    private long lastPrint;
    private int shownWidth;

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
        this.startNanos = System.nanoTime();
        this.doneBefore = done;
        this.done = done;
        this.total = total;
    }

    @Override
    public void finished(RunOutcome o, long done, long total, long failed) {
        this.done = done;
        long now = System.nanoTime();
        if (out == null || now - startNanos < SHOW_AFTER_NANOS || now - lastPrint < EVERY_NANOS) {
            return;
        }
        lastPrint = now;
        String line = line(done, total, failed, (done - doneBefore) / ((now - startNanos) / 1e9));
        out.print("\r" + line + " ".repeat(Math.max(0, shownWidth - line.length())));
        out.flush();
        shownWidth = Math.max(shownWidth, line.length());
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
        if (shownWidth > 0) {
            out.print("\r" + " ".repeat(shownWidth) + "\r");
            out.flush();
        }
    }
}
