package io.kgsim.report;

import io.kgsim.metrics.LatencyHistogram;
import io.kgsim.metrics.RebalanceDurationStats;
import java.util.Locale;

/** The rebalance-duration and record-latency figures as one line of text, for the terminal and the report. */
public final class FigureText {
    private FigureText() {
    }

    /** {@code p50 1.2 s, p95 3.4 s, max 5.0 s (12 completed, 1 open)}, or {@code none completed}. */
    public static String rebalanceDurations(RebalanceDurationStats d) {
        String open = d.open() > 0 ? ", " + d.open() + " open" : "";
        if (d.count() == 0) {
            return "none completed" + open;
        }
        return "p50 " + duration(d.p50Us()) + ", p95 " + duration(d.p95Us()) + ", max " + duration(d.maxUs())
                + " (" + d.count() + " completed" + open + ")";
    }

    /** {@code p50 12.3 ms, p99 45.6 ms, max 7.8 s}, or {@code -} when no record was processed. */
    public static String recordLatency(LatencyHistogram h) {
        if (h.count() <= 0) {
            return "-";
        }
        return "p50 " + duration(h.percentile(0.50)) + ", p99 " + duration(h.percentile(0.99)) + ", max " + duration(h.max());
    }

    /** Microseconds in ms below 10 s (three significant digits at least), in s above. */
    static String duration(double us) {
        double ms = us / 1000;
        if (ms >= 10_000) {
            return String.format(Locale.ROOT, "%,.1f s", ms / 1000);
        }
        return String.format(Locale.ROOT, ms >= 100 ? "%,.0f ms" : ms >= 10 ? "%.1f ms" : "%.2f ms", ms);
    }
}
