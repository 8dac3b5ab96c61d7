package io.kgsim.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class SeedStatisticsTest {
    private static final Metric LOWER = new Metric("m", true);

    @Test
    void summaryMatchesFiguresWorkedOutByHand() {
        SampleSummary s = SampleSummary.of(new double[] {7, 1, 10, 4, 2, 9, 3, 8, 6, 5});
        assertEquals(10, s.n());
        assertEquals(5.5, s.mean(), 1e-12);
        // Sum of squared deviations 82.5, over n - 1 = 9: variance 9.1667.
        assertEquals(Math.sqrt(82.5 / 9), s.sd(), 1e-12);
        // t(0.975, 9) = 2.262157 (any t table); s / sqrt(10) = 0.957427; half-width 2.165851.
        assertEquals(2.165851, s.ciHalfWidth(), 2e-6);
        assertEquals(5.5 - 2.165851, s.ciLow(), 2e-6);
        assertEquals(5.5, s.median(), 1e-12);
        // position (n - 1)p + 1 = 1.45 for p5, 9.55 for p95, interpolated between order
        // statistics; commons-math3's default estimation would give 1.0 and 10.0.
        assertEquals(1.45, s.p5(), 1e-12);
        assertEquals(9.55, s.p95(), 1e-12);
    }

    @Test
    void degenerateSamplesSayWhatIsUndefined() {
        SampleSummary one = SampleSummary.of(new double[] {4});
        assertEquals(4, one.mean());
        assertEquals(4, one.median());
        assertTrue(Double.isNaN(one.sd()) && Double.isNaN(one.ciLow()) && Double.isNaN(one.ciHigh()), "one draw: no spread, no interval");
        SampleSummary flat = SampleSummary.of(new double[] {3, 3, 3});
        assertEquals(0, flat.sd());
        assertEquals(3, flat.ciLow());
        assertEquals(3, flat.ciHigh());
        SampleSummary none = SampleSummary.of(new double[0]);
        assertEquals(0, none.n());
        assertTrue(Double.isNaN(none.mean()));
    }

    @Test
    void pairingBySeedFindsWhatUnpairedMeansHide() {
        double[] b = {10, 50, 100, 200, 400, 800, 30, 60, 90, 120};
        double[] a = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            a[i] = b[i] + i + 1; // worse on every seed, by little against the spread between seeds
        }
        assertTrue(new TTest().tTest(a, b) > 0.9, "unpaired, the two samples look alike");
        PairedTest t = PairedTest.of(0, 1, a, b);
        assertEquals(PairedTest.Method.EXACT, t.method());
        assertEquals(10, t.nonZero());
        // Every difference positive: W = 55, and only 2 of the 2^10 sign patterns are as extreme.
        assertEquals(55, t.w());
        assertEquals(2.0 / 1024, t.p(), 1e-15);
        assertEquals(5.5, t.meanDifference(), 1e-12);
        MetricStatistics m = MetricStatistics.of(LOWER, new double[][] {a, b});
        assertTrue(m.pair(0, 1).significant());
        assertEquals(1, m.place(1).rank());
        assertEquals(2, m.place(0).rank());
    }

    @Test
    void zeroDifferencesAreDroppedAndAllZeroIsIdentical() {
        PairedTest t = PairedTest.of(0, 1, new double[] {1, 2, 3, 5}, new double[] {1, 2, 3, 4});
        assertEquals(4, t.pairs());
        assertEquals(1, t.nonZero());
        assertEquals(1.0, t.p(), "one difference of four: p = 2 * 1/2, never significant");
        PairedTest same = PairedTest.of(0, 1, new double[] {1, 2, 3}, new double[] {1, 2, 3});
        assertEquals(PairedTest.Method.IDENTICAL, same.method());
        assertTrue(Double.isNaN(same.p()));
        PairedTest undefined = PairedTest.of(0, 1, new double[] {Double.NaN, 2}, new double[] {1, Double.NaN});
        assertEquals(PairedTest.Method.NO_PAIRS, undefined.method());
    }

    @Test
    void largeSamplesUseTheNormalApproximation() {
        double[] a = new double[40];
        double[] b = new double[40];
        for (int i = 0; i < 40; i++) {
            a[i] = i + (i % 3 == 0 ? -0.5 : 0.5);
            b[i] = i;
        }
        PairedTest t = PairedTest.of(0, 1, a, b);
        assertEquals(PairedTest.Method.NORMAL, t.method());
        assertTrue(t.p() > 0 && t.p() < 1, "a p-value: " + t.p());
    }

    @Test
    void holmMultipliesTheSmallestByTheFamilySizeAndKeepsOrder() {
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-12);
        assertArrayEquals(new double[] {1.0, 1.0}, Holm.adjust(new double[] {0.6, 0.9}), 1e-12);
        assertEquals(0, Holm.adjust(new double[0]).length);
    }

    @Test
    void holmCanTurnASignificantPairIntoAnIndistinguishableOne() {
        // Six seeds, all differences one way: exact p = 2/64 = 0.03125 alone, but three pairs
        // tested at once (a vs b, a vs c, b vs c) make it 3 * 0.03125 > 0.05.
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] b = {2, 3, 4, 5, 6, 7};
        double[] c = {2, 3, 4, 5, 6, 7.5};
        MetricStatistics m = MetricStatistics.of(LOWER, new double[][] {a, b, c});
        assertEquals(0.03125, m.pair(0, 1).test().p(), 1e-15);
        assertFalse(m.pair(0, 1).significant());
        assertEquals(List.of(1, 1, 1), List.of(m.place(0).rank(), m.place(1).rank(), m.place(2).rank()));
    }

    @Test
    void rankingTiesWhatNoTestSeparates() {
        double[] best = new double[12];
        double[] same = new double[12];
        double[] worst = new double[12];
        for (int i = 0; i < 12; i++) {
            best[i] = 100 + 10 * i;
            same[i] = best[i];
            worst[i] = best[i] + 1 + i;
        }
        // Given worst first: the order given must not decide the ranking.
        MetricStatistics m = MetricStatistics.of(LOWER, new double[][] {worst, best, same});
        assertEquals(PairedTest.Method.IDENTICAL, m.pair(1, 2).test().method());
        List<Integer> order = m.ranking().stream().map(MetricStatistics.Place::strategy).toList();
        assertEquals(List.of(1, 2, 0), order);
        assertEquals(List.of(1, 1, 3), m.ranking().stream().map(MetricStatistics.Place::rank).toList(), "competition ranking with a tie");
        assertEquals(List.of(2), m.place(1).indistinguishableFrom());
        assertEquals(List.of(), m.place(0).indistinguishableFrom());
        MetricStatistics unranked = MetricStatistics.of(new Metric("recordsProduced", false), new double[][] {worst, best});
        assertTrue(unranked.ranking().isEmpty(), "a figure of the workload is not ranked");
    }

    @Test
    void statisticsPairRunsBySeedWhateverTheOrderTheyArrive() {
        List<RunFigures> runs = new ArrayList<>();
        for (long seed = 1; seed <= 8; seed++) {
            runs.add(figures(seed, "b", 10 * seed + 1));
            runs.add(figures(seed, "a", 10 * seed));
        }
        SeedStatistics forward = SeedStatistics.of(List.of("a", "b"), List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), runs);
        java.util.Collections.reverse(runs);
        SeedStatistics backward = SeedStatistics.of(List.of("a", "b"), List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), runs);
        assertEquals(forward, backward);
        MetricStatistics m = forward.metric("rebalances");
        assertEquals(2.0 / 256, m.pair(0, 1).test().p(), 1e-15, "b is a plus one on every seed");
        assertEquals(List.of(0, 1), m.ranking().stream().map(MetricStatistics.Place::strategy).toList());
        assertThrows(IllegalArgumentException.class, () -> SeedStatistics.of(List.of("a", "b"), List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), runs));
    }

    private static RunFigures figures(long seed, String strategy, double rebalances) {
        double[] v = new double[RunFigures.METRICS.size()];
        v[0] = rebalances;
        return new RunFigures(seed, strategy, v);
    }

    @Test
    void seedsAreACountARangeOrAList() {
        assertEquals(List.of(1L, 2L, 3L), SeedList.parse("3").seeds());
        assertEquals(List.of(5L, 6L, 7L), SeedList.parse("5..7").seeds());
        assertEquals(List.of(9L, 2L, 40L), SeedList.parse("9, 2,40").seeds());
        assertEquals("5..7", SeedList.parse("5..7").text());
        for (String bad : List.of("0", "-3", "7..5", "1,2,1", "x", "1..", "1,,2", "1..200000")) {
            assertThrows(IllegalArgumentException.class, () -> SeedList.parse(bad), bad);
        }
    }
}
