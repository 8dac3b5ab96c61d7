package io.kgsim.cli;

import io.kgsim.engine.Durations;
import io.kgsim.report.RunArtifacts;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A progress bar on stderr for runs and comparisons that take more than a couple of seconds:
 * virtual time done out of the scenario's duration (for a comparison, how many strategies are
 * done and where the furthest running one is), and events per second. Nothing at all when
 * stderr is not a terminal. Reads the wall clock, which only decides what is displayed, never
 * what is simulated.
 */
final class Progress {
    /** Set by the launcher: {@code tty} when stderr is a terminal (Java cannot ask isatty(2) itself). */
    static final String PROPERTY = "kgsim.progress";
    private final StatusLine status;
    private final long perRunUs;
    private final String noun;
    private final AtomicLongArray doneUs;
    private final AtomicLong events = new AtomicLong();

    private Progress(PrintStream out, long perRunUs, int runs, String noun) {
        this.status = new StatusLine(out);
        this.perRunUs = Math.max(1, perRunUs);
        this.doneUs = new AtomicLongArray(runs);
        this.noun = noun;
    }

    /** A progress bar for one run when stderr is a terminal, else null. */
    static Progress onTerminal(long durationUs) {
        return onTerminal(durationUs, 1, "runs");
    }

    /** A progress bar for {@code runs} runs of {@code durationUs} each (named {@code noun}), or null. */
    static Progress onTerminal(long durationUs, int runs, String noun) {
        return stderrIsTerminal(System.getProperty(PROPERTY), System.console() != null) ? new Progress(System.err, durationUs, runs, noun) : null;
    }

    /**
     * The launcher says whether stderr is a terminal; without it ({@code java -jar}) the best
     * guess left is {@code System.console()}, which looks at stdin and stdout.
     */
    static boolean stderrIsTerminal(String property, boolean console) {
        return property == null ? console : property.equals("tty");
    }

    /** The sink run {@code i} reports to; thread-safe. */
    RunArtifacts.ProgressSink run(int i) {
        return (deltaUs, deltaEvents) -> advance(i, deltaUs, deltaEvents);
    }

    private void advance(int run, long deltaUs, long deltaEvents) {
        doneUs.addAndGet(run, deltaUs);
        events.addAndGet(deltaEvents);
        long now = System.nanoTime();
        if (!status.due(now)) {
            return;
        }
        long[] done = new long[doneUs.length()];
        for (int k = 0; k < done.length; k++) {
            done[k] = doneUs.get(k);
        }
        status.draw(line(done, perRunUs, noun, events.get() / status.seconds(now)));
    }

    /**
     * One line: the bar over all runs, then for one run its virtual time, for several how many
     * are done and the furthest of those still running.
     */
    static String line(long[] doneUs, long perRunUs, String noun, double eventsPerSecond) {
        long sum = 0;
        int finished = 0;
        long furthest = 0;
        for (long d : doneUs) {
            long clamped = Math.min(d, perRunUs);
            sum += clamped;
            if (clamped >= perRunUs) {
                finished++;
            } else {
                furthest = Math.max(furthest, clamped);
            }
        }
        double fraction = sum / ((double) perRunUs * doneUs.length);
        String where = doneUs.length == 1
                ? Durations.format(Math.min(doneUs[0], perRunUs)) + " of " + Durations.format(perRunUs)
                : finished + " of " + doneUs.length + " " + noun + " done"
                        + (finished < doneUs.length ? ", next at " + Durations.format(furthest) + " of " + Durations.format(perRunUs) : "");
        return String.format(Locale.ROOT, "  %s  %s  %.1f M events/s", bar(fraction), where, eventsPerSecond / 1e6);
    }

    /** {@code [#####     ]  50%}: thirty marks, one per 1/30 done. */
    static String bar(double fraction) {
        int width = 30;
        int filled = (int) Math.round(fraction * width);
        return String.format(Locale.ROOT, "[%s%s] %3.0f%%", "#".repeat(filled), " ".repeat(width - filled), fraction * 100);
    }

    /** Clears the bar, if it was ever shown. */
    void finish() {
        status.clear();
    }
}
