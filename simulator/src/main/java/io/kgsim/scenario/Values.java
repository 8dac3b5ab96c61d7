package io.kgsim.scenario;

import io.kgsim.engine.DurationDistribution;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scalar grammar of scenario files: durations ({@code 500us 250ms 30s 5m 2h}), rates
 * ({@code 1200/s}) and duration distributions ({@code lognormal(1ms, 0.3)}). Every parse error
 * says what was expected, in one sentence, and the caller adds the place.
 */
public final class Values {
    /** A duration's grammar (lower case), shared with the JSON Schema's patterns. */
    public static final String DURATION_REGEX = "(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|m|h)";
    /** A rate's grammar (lower case), shared with the JSON Schema's patterns. */
    public static final String RATE_REGEX = "(\\d+(?:\\.\\d+)?)\\s*/\\s*(s|m|h)";
    private static final Pattern DURATION = Pattern.compile(DURATION_REGEX);
    private static final Pattern RATE = Pattern.compile(RATE_REGEX);
    private static final Pattern CALL = Pattern.compile("([a-z]+)\\s*\\((.*)\\)");

    private Values() {
    }

    /** Parses a duration into microseconds; null message means success. */
    public static long duration(String text) throws IllegalArgumentException {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as 500us, 250ms, 30s, 5m or 2h, found '" + text + "'");
        }
        double v = Double.parseDouble(m.group(1));
        long unitUs = switch (m.group(2)) {
            case "us" -> 1L;
            case "ms" -> 1_000L;
            case "s" -> 1_000_000L;
            case "m" -> 60_000_000L;
            case "h" -> 3_600_000_000L;
            default -> throw new IllegalStateException(m.group(2));
        };
        double us = v * unitUs;
        if (us > Long.MAX_VALUE / 4) {
            throw new IllegalArgumentException("the duration '" + text + "' is too long");
        }
        return Math.round(us);
    }

    /** Parses a rate into events per second. */
    public static double ratePerSecond(String text) {
        Matcher m = RATE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a rate such as 1200/s, found '" + text + "'");
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "s" -> v;
            case "m" -> v / 60;
            default -> v / 3600;
        };
    }

    /**
     * {@code fixed(2ms)}, {@code uniform(1ms, 3ms)}, {@code exponential(2ms)},
     * {@code lognormal(2ms, 0.5)}, {@code normal(2ms, 0.5ms)}, or a bare duration (fixed).
     */
    public static DurationDistribution distribution(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = CALL.matcher(t);
        if (!m.matches()) {
            try {
                return new DurationDistribution.Fixed(duration(t));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(DIST_EXPECTED + ", found '" + text + "'");
            }
        }
        String[] args = m.group(2).split(",");
        for (int i = 0; i < args.length; i++) {
            args[i] = args[i].trim();
        }
        try {
            return call(m.group(1), args, text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(DIST_EXPECTED + ", found '" + text + "'");
        }
    }

    /** The distribution {@code fn(args...)}, arguments trimmed; {@code text} is the whole value, for messages. */
    private static DurationDistribution call(String fn, String[] args, String text) {
        switch (fn) {
            case "fixed":
                arity(fn, args, 1);
                return new DurationDistribution.Fixed(duration(args[0]));
            case "uniform":
                arity(fn, args, 2);
                return uniform(duration(args[0]), duration(args[1]), text);
            case "exponential":
                arity(fn, args, 1);
                return new DurationDistribution.Exponential(positive(fn, duration(args[0])));
            case "lognormal":
                arity(fn, args, 2);
                return lognormal(fn, args, text);
            case "normal":
                arity(fn, args, 2);
                return new DurationDistribution.Normal(duration(args[0]), duration(args[1]));
            default:
                throw new IllegalArgumentException(DIST_EXPECTED + ", found the unknown distribution '" + fn + "'");
        }
    }

    private static DurationDistribution uniform(long lo, long hi, String text) {
        if (hi < lo) {
            throw new IllegalArgumentException("uniform(low, high) needs low <= high, found '" + text + "'");
        }
        return new DurationDistribution.Uniform(lo, hi);
    }

    /** {@code lognormal(median, sigma)}: sigma is checked before the median, as the messages expect. */
    private static DurationDistribution lognormal(String fn, String[] args, String text) {
        double sigma = number(fn, args[1]);
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("lognormal(median, sigma) needs sigma > 0, found '" + text + "'");
        }
        return new DurationDistribution.LogNormal(positive(fn, duration(args[0])), sigma);
    }

    private static final String DIST_EXPECTED =
            "expected a duration distribution: fixed(2ms), uniform(1ms, 3ms), exponential(2ms), lognormal(2ms, 0.5), normal(2ms, 0.5ms) or a bare duration";

    private static void arity(String fn, String[] args, int n) {
        if (args.length != n || (n > 0 && args[0].isEmpty())) {
            throw new IllegalArgumentException(fn + "(...) takes " + n + " argument" + (n == 1 ? "" : "s") + ", found " + args.length);
        }
    }

    private static long positive(String fn, long us) {
        if (us <= 0) {
            throw new IllegalArgumentException(fn + "(...) needs a duration above zero");
        }
        return us;
    }

    private static double number(String fn, String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(fn + "(...) expected a number, found '" + s + "'");
        }
    }
}
