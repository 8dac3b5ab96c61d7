package io.kgsim.cli;

import io.kgsim.engine.Durations;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar on the terminal for runs and comparisons that take more than a couple of
 * seconds: virtual time done out of the total, and events per second. Nothing at all when the
 * output is not a terminal. Reads the wall clock, which only decides what is displayed, never
 * what is simulated.
 */
final class Progress {
    private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
    private static final long EVERY_NANOS = 250_000_000L;

    private final PrintStream out;
    private final long totalUs;
    private final AtomicLong doneUs = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private long lastPrint;
    private boolean shown;

    private Progress(PrintStream out, long totalUs) {
        this.out = out;
        this.totalUs = Math.max(1, totalUs);
    }

    /** A progress bar when stderr is a terminal, else null. */
    static Progress onTerminal(long totalUs) {
        return System.console() == null ? null : new Progress(System.err, totalUs);
    }

    /** Adds {@code deltaUs} of virtual time and {@code deltaEvents}; thread-safe. */
    void advance(long deltaUs, long deltaEvents) {
        doneUs.addAndGet(deltaUs);
        events.addAndGet(deltaEvents);
        long now = System.nanoTime();
        synchronized (this) {
            if (now - startNanos < SHOW_AFTER_NANOS || now - lastPrint < EVERY_NANOS) {
                return;
            }
            lastPrint = now;
            shown = true;
            double fraction = Math.min(1.0, doneUs.get() / (double) totalUs);
            int width = 30;
            int filled = (int) Math.round(fraction * width);
            double seconds = (now - startNanos) / 1e9;
            out.print(String.format(Locale.ROOT, "\r  [%s%s] %3.0f%%  %s of %s  %.1f M events/s ", "#".repeat(filled), " ".repeat(width - filled),
                    fraction * 100, Durations.format(doneUs.get()), Durations.format(totalUs), events.get() / seconds / 1e6));
            out.flush();
        }
    }

    /** Clears the bar, if it was ever shown. */
    synchronized void finish() {
        if (shown) {
            out.print("\r" + " ".repeat(90) + "\r");
            out.flush();
        }
    }
}
