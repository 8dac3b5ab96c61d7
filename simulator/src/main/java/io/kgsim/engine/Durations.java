package io.kgsim.engine;

/** Conversions between the engine's microseconds and the units people read. */
public final class Durations {
    public static final long US_PER_MS = 1_000L;
    public static final long US_PER_S = 1_000_000L;

    private Durations() {
    }

    public static long ms(long millis) {
        return millis * US_PER_MS;
    }

    public static long seconds(long s) {
        return s * US_PER_S;
    }

    /**
     * Virtual milliseconds as the trace writes them: an integer when whole, otherwise up to three
     * decimals, never in exponent form (so the text is stable across JVMs and locales).
     */
    public static String millisText(long us) {
        long whole = us / US_PER_MS;
        long frac = Math.abs(us % US_PER_MS);
        if (frac == 0) {
            return Long.toString(whole);
        }
        String f = String.format(java.util.Locale.ROOT, "%03d", frac);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        return (us < 0 && whole == 0 ? "-" : "") + whole + "." + f.substring(0, end);
    }

    /** Human form for messages: {@code 12.345s}. */
    public static String format(long us) {
        return String.format(java.util.Locale.ROOT, "%.3fs", us / (double) US_PER_S);
    }
}
