package io.kgsim.cli;

import java.io.PrintStream;

/**
 * One line on stderr redrawn in place (a progress bar): nothing for the first two seconds (a
 * short command draws nothing), then at most four times a second, and cleared at the end. Reads
 * the wall clock, which decides only what is displayed, never what is simulated.
 */
final class StatusLine {
    private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
    private static final long EVERY_NANOS = 250_000_000L;

    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private long lastPrint;
    private int shownWidth;

    StatusLine(PrintStream out) {
        this.out = out;
    }

    /** Seconds since this line was made, at {@code now} (a {@link System#nanoTime()}). */
    double seconds(long now) {
        return (now - startNanos) / 1e9;
    }

    /** Whether a line is to be drawn at {@code now}; if so, it counts as drawn. */
    synchronized boolean due(long now) {
        if (now - startNanos < SHOW_AFTER_NANOS || now - lastPrint < EVERY_NANOS) {
            return false;
        }
        lastPrint = now;
        return true;
    }

    /** Draws {@code line} over the previous one. */
    synchronized void draw(String line) {
        out.print("\r" + line + " ".repeat(Math.max(0, shownWidth - line.length())));
        out.flush();
        shownWidth = Math.max(shownWidth, line.length());
    }

    /** Clears the line, if one was ever drawn. */
    synchronized void clear() {
        if (shownWidth > 0) {
            out.print("\r" + " ".repeat(shownWidth) + "\r");
            out.flush();
        }
    }
}
