package io.kgsim.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One figure over every strategy and seed: each strategy's {@link SampleSummary}, the paired test
 * of every pair of strategies with Holm's correction across those pairs, and the ranking.
 * <p>The ranking (only for figures where lower is better): a strategy's rank is 1 plus the number
 * of strategies significantly better than it, where "significantly better" means the pair's
 * Holm-adjusted p-value is below {@link #ALPHA} and the mean of the paired differences is in the
 * other's favour. Strategies no test separates therefore share a rank (1, 1, 3 when two are
 * indistinguishable and both beat a third); pairs whose seeds were all equal ({@code identical})
 * never separate. The list is ordered by rank, then mean, then the order the strategies were
 * given in; each place names the strategies it is statistically indistinguishable from. A
 * strategy for which the figure was never defined is not ranked.
 */
public record MetricStatistics(Metric metric, List<SampleSummary> summaries, List<Pair> pairs, List<Place> ranking) {
    /** The significance level of every pairwise decision, after Holm's correction. */
    public static final double ALPHA = 0.05;

    /** A tested or untested pair; {@code pHolm} NaN when there was no test. */
    public record Pair(PairedTest test, double pHolm, boolean significant) {
    }

    /** A strategy's place; indices into the strategies given. */
    public record Place(int strategy, int rank, List<Integer> indistinguishableFrom) {
    }

    /** @param values per strategy, the figure per seed (the same seeds in the same order for all); NaN where undefined */
    public static MetricStatistics of(Metric metric, double[][] values) {
        List<SampleSummary> summaries = new ArrayList<>();
        for (double[] v : values) {
            summaries.add(SampleSummary.of(java.util.Arrays.stream(v).filter(d -> !Double.isNaN(d)).toArray()));
        }
        List<Pair> pairs = pairs(values);
        List<Place> ranking = metric.lowerIsBetter() ? rank(summaries, pairs) : List.of();
        return new MetricStatistics(metric, List.copyOf(summaries), pairs, ranking);
    }

    /** Every pair (i < j, in the order given), tested, then Holm-adjusted over the pairs that had a test. */
    private static List<Pair> pairs(double[][] values) {
        List<PairedTest> tests = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            for (int j = i + 1; j < values.length; j++) {
                tests.add(PairedTest.of(i, j, values[i], values[j]));
            }
        }
        double[] p = tests.stream().filter(PairedTest::tested).mapToDouble(PairedTest::p).toArray();
        double[] adjusted = Holm.adjust(p);
        List<Pair> pairs = new ArrayList<>();
        int k = 0;
        for (PairedTest t : tests) {
            double holm = t.tested() ? adjusted[k++] : Double.NaN;
            pairs.add(new Pair(t, holm, t.tested() && holm < ALPHA));
        }
        return List.copyOf(pairs);
    }

    private static List<Place> rank(List<SampleSummary> summaries, List<Pair> pairs) {
        List<Place> places = new ArrayList<>();
        for (int s = 0; s < summaries.size(); s++) {
            if (summaries.get(s).n() == 0) {
                continue;
            }
            int better = 0;
            List<Integer> same = new ArrayList<>();
            for (Pair pair : pairs) {
                PairedTest t = pair.test();
                if (t.a() != s && t.b() != s) {
                    continue;
                }
                int other = t.a() == s ? t.b() : t.a();
                if (summaries.get(other).n() == 0) {
                    continue;
                }
                // meanDifference is a - b: the other is better (lower) when its side of it is below ours.
                double otherMinusThis = t.a() == s ? -t.meanDifference() : t.meanDifference();
                if (!pair.significant()) {
                    same.add(other);
                } else if (otherMinusThis < 0) {
                    better++;
                }
            }
            same.sort(null);
            places.add(new Place(s, better + 1, List.copyOf(same)));
        }
        places.sort(Comparator.comparingInt(Place::rank).thenComparingDouble(p -> summaries.get(p.strategy()).mean())
                .thenComparingInt(Place::strategy));
        return List.copyOf(places);
    }

    /** The pair of strategies {@code i} and {@code j}, either way round. */
    public Pair pair(int i, int j) {
        for (Pair p : pairs) {
            if ((p.test().a() == i && p.test().b() == j) || (p.test().a() == j && p.test().b() == i)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no pair " + i + ", " + j);
    }

    /** Strategy {@code s}'s place, or null when it is not ranked. */
    public Place place(int s) {
        return ranking.stream().filter(p -> p.strategy() == s).findFirst().orElse(null);
    }
}
