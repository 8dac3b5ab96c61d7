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
        // Three digits without trailing zeros, by hand: every trace line has a time (no format()).
        StringBuilder b = new StringBuilder(24);
        if (us < 0 && whole == 0) {
            b.append('-');
        }
        b.append(whole).append('.').append((char) ('0' + frac / 100));
        if (frac % 100 != 0) {
            b.append((char) ('0' + frac / 10 % 10));
            if (frac % 10 != 0) {
                b.append((char) ('0' + frac % 10));
            }
        }
        return b.toString();
    }

    /** Human form for messages: {@code 12.345s}. */
    public static String format(long us) {
        return String.format(java.util.Locale.ROOT, "%.3fs", us / (double) US_PER_S);
    }
}
