package io.kgsim.stats;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The seeds of a multi-seed run, as a user writes them: {@code N} (seeds 1 to N), a range
 * {@code A..B} (both included) or a list {@code 3,7,11}. Seeds 1..N rather than the scenario's
 * seed onward, so that two scenarios (or a sweep's cells) given the same {@code --seeds} run the
 * same seeds whatever seed each file names. Seeds are at least 0, distinct (a seed is the key
 * runs are paired by), and at most {@link #MAX} of them.
 */
public record SeedList(List<Long> seeds) {
    /** Keeps a mistyped range ({@code 1..10000000}) from queueing millions of runs. */
    public static final int MAX = 100_000;

    public SeedList {
        seeds = List.copyOf(seeds);
    }

    /**
     * @throws IllegalArgumentException with a sentence fit for the user, naming what was expected
     */
    public static SeedList parse(String text) {
        String t = text.trim();
        if (t.contains(",")) {
            return list(t);
        }
        int dots = t.indexOf("..");
        if (dots >= 0) {
            long first = number(t.substring(0, dots), t);
            long last = number(t.substring(dots + 2), t);
            if (last < first) {
                throw new IllegalArgumentException("'" + t + "' is an empty range: the first seed must not be above the last");
            }
            return range(first, last, t);
        }
        long n = number(t, t);
        if (n < 1) {
            throw new IllegalArgumentException("'" + t + "': a count of seeds must be at least 1 (N runs seeds 1..N)");
        }
        return range(1, n, t);
    }

    private static SeedList range(long first, long last, String text) {
        if (last - first + 1 > MAX) {
            throw new IllegalArgumentException("'" + text + "' is " + (last - first + 1) + " seeds; at most " + MAX + " are run at once");
        }
        List<Long> seeds = new ArrayList<>();
        for (long s = first; s <= last; s++) {
            seeds.add(s);
        }
        return new SeedList(seeds);
    }

    private static SeedList list(String text) {
        Set<Long> seeds = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            long s = number(part, text);
            if (!seeds.add(s)) {
                throw new IllegalArgumentException("'" + text + "' names seed " + s + " twice; runs are paired by seed, so each seed once");
            }
        }
        if (seeds.size() > MAX) {
            throw new IllegalArgumentException("'" + text + "' is " + seeds.size() + " seeds; at most " + MAX + " are run at once");
        }
        return new SeedList(new ArrayList<>(seeds));
    }

    private static long number(String part, String text) {
        String p = part.trim();
        try {
            long v = Long.parseLong(p);
            if (v < 0) {
                throw new IllegalArgumentException("'" + text + "': seeds are at least 0, got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a seed count N, a range A..B or a list a,b,c of whole numbers"
                    + (p.isEmpty() ? "" : " ('" + p + "' is not a whole number)"));
        }
    }

    public int size() {
        return seeds.size();
    }

    /** How a heading names them: {@code 1..50} for a run of consecutive seeds, else the list. */
    public String text() {
        boolean consecutive = true;
        for (int i = 1; i < seeds.size(); i++) {
            consecutive &= seeds.get(i) == seeds.get(i - 1) + 1;
        }
        if (consecutive && seeds.size() > 2) {
            return seeds.get(0) + ".." + seeds.get(seeds.size() - 1);
        }
        StringBuilder b = new StringBuilder();
        for (Long s : seeds) {
            b.append(b.length() == 0 ? "" : ",").append(s);
        }
        return b.toString();
    }
}
