package io.kgsim.report;

import static io.kgsim.report.SweepFixture.category;
import static io.kgsim.report.SweepFixture.numeric;
import static io.kgsim.report.SweepFixture.plan;
import static io.kgsim.report.SweepFixture.stats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.sweep.PointStatistics;
import io.kgsim.sweep.SweepPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The sweep's charts carry the statistics: a line's points are the means over the seeds and its
 * error bars the 95 % intervals' half-widths, x is numeric or categorical as the axis is, a heat
 * map's cells are the means at (first axis, second axis), and the layout draws what it says and
 * says what it leaves out.
 */
class SweepChartsTest {
    /** Four seeds' offsets: mean 2.5, sample sd sqrt(7). */
    private static final double[] NOISE = {0, 1, 3, 6};
    /** t(0.975, 3), from a table: the interval's half-width is t sd / sqrt(4). */
    private static final double HALF_WIDTH = 3.182446305284263 * Math.sqrt(7) / 2;

    private static double figure(int point, int strategy, long seed) {
        return 10.0 * (point + 1) * (point + 1) + 100 * strategy + NOISE[(int) seed - 1];
    }

    @Test
    void aNumericAxisGivesMeansWithTheirIntervalsAsErrorBarsOnANumericX() throws Exception {
        SweepPlan plan = plan("timeouts", List.of(numeric("groups[g].config.session.timeout.ms", "10s", "30s", "45s")), List.of("range", "sticky"),
                "4", "maxLag");
        List<PointStatistics> points = stats(plan, "maxLag", SweepChartsTest::figure, false);
        SweepChartLayout layout = SweepChartLayout.of(plan);
        assertEquals(List.of("sweep-line-1"), layout.lines().stream().map(SweepChartLayout.Spec::name).toList());

        XYChart c = assertInstanceOf(XYChart.class, SweepCharts.line(plan, points, "maxLag", layout.lines().get(0)));
        assertEquals("groups[g].config.session.timeout.ms (ms)", c.getXAxisTitle(), "durations are charted in ms, and the axis says so");
        assertEquals(List.of("range", "sticky"), new ArrayList<>(c.getSeriesMap().keySet()));
        XYSeries sticky = c.getSeriesMap().get("sticky");
        assertArrayEquals(new double[] {10_000, 30_000, 45_000}, sticky.getXData());
        assertArrayEquals(new double[] {112.5, 142.5, 192.5}, sticky.getYData(), 1e-9, "the mean over the seeds at each value");
        assertArrayEquals(new double[] {HALF_WIDTH, HALF_WIDTH, HALF_WIDTH}, sticky.getExtraValues(), 1e-9, "the 95 % interval's half-width");
    }

    @Test
    void aCategoricalAxisGivesACategoryChartWithTheValuesInTheSweepsOrder() throws Exception {
        SweepPlan plan = plan("processing", List.of(category("groups[g].processing.per.record", "lognormal(2ms, 0.5)", "fixed(1ms)")),
                List.of("range"), "4", "maxLag");
        List<PointStatistics> points = stats(plan, "maxLag", SweepChartsTest::figure, false);
        Chart<?, ?> chart = SweepCharts.line(plan, points, "maxLag", SweepChartLayout.of(plan).lines().get(0));
        CategoryChart c = assertInstanceOf(CategoryChart.class, chart);
        assertTrue(c.getStyler().isOverlapped(), "every strategy's point at its category, not offset like bars");
        CategorySeries range = c.getSeriesMap().get("range");
        assertEquals(List.of("lognormal(2ms, 0.5)", "fixed(1ms)"), new ArrayList<>(range.getXData()));
        assertEquals(List.of(12.5, 42.5), new ArrayList<>(range.getYData()));
        assertEquals(HALF_WIDTH, range.getExtraValues().iterator().next().doubleValue(), 1e-9);
    }

    @Test
    void undefinedMeansAreLeftOutAndAChartWithNoneIsNotDrawn() throws Exception {
        SweepPlan plan = plan("gaps", List.of(numeric("groups[g].config.max.poll.records", "100", "200", "300")), List.of("range", "sticky"),
                "4", "rebalanceDurationMs.p50");
        // range never completes a rebalance at 200; sticky never at all.
        List<PointStatistics> points = stats(plan, "rebalanceDurationMs.p50",
                (p, s, seed) -> s == 1 || p == 1 ? Double.NaN : figure(p, s, seed), false);
        XYChart c = (XYChart) SweepCharts.line(plan, points, "rebalanceDurationMs.p50", SweepChartLayout.of(plan).lines().get(0));
        assertEquals(List.of("range"), new ArrayList<>(c.getSeriesMap().keySet()), "a strategy without a defined mean has no line");
        assertArrayEquals(new double[] {100, 300}, c.getSeriesMap().get("range").getXData());

        List<PointStatistics> none = stats(plan, "rebalanceDurationMs.p50", (p, s, seed) -> Double.NaN, false);
        assertNull(SweepCharts.line(plan, none, "rebalanceDurationMs.p50", SweepChartLayout.of(plan).lines().get(0)));
    }

    @Test
    void heatMapCellsAreTheMeansOverTheFirstTwoAxesPerStrategyAndPerValueOfTheThird() throws Exception {
        SweepPlan plan = plan("grid", List.of(numeric("a", "1", "2"), numeric("b", "10", "20", "30"), category("c", "x", "y")),
                List.of("range", "sticky"), "4", "unownedPartitionMs");
        List<PointStatistics> points = stats(plan, "unownedPartitionMs", SweepChartsTest::figure, false);
        SweepChartLayout layout = SweepChartLayout.of(plan);
        assertEquals(List.of("sweep-heat-range-1", "sweep-heat-sticky-1", "sweep-heat-range-2", "sweep-heat-sticky-2"),
                layout.heatMaps().stream().map(SweepChartLayout.Spec::name).toList(), "per value of c, per strategy");
        SweepChartLayout.Spec stickyY = layout.heatMaps().get(3);
        HeatMapChart h = SweepCharts.heatMap(plan, points, "unownedPartitionMs", stickyY, new double[] {0, 1000});
        assertTrue(h.getTitle().contains("sticky") && h.getTitle().contains("c = y"), h.getTitle());
        List<? extends Number[]> cells = h.getHeatMapSeries().getHeatData();
        assertEquals(6, cells.size());
        for (Number[] cell : cells) {
            int i = cell[0].intValue();
            int j = cell[1].intValue();
            int point = (i * 3 + j) * 2 + 1; // first axis slowest; c = y is the second value of the last axis
            assertEquals(10.0 * (point + 1) * (point + 1) + 100 + 2.5, cell[2].doubleValue(), 1e-9, "cell " + i + "," + j);
        }
        assertEquals(List.of("1", "2"), h.getHeatMapSeries().getXData());
        assertEquals(List.of("10", "20", "30"), h.getHeatMapSeries().getYData());
        double[] range = SweepCharts.heatRange(plan, points, "unownedPartitionMs", layout.heatMaps());
        assertArrayEquals(new double[] {figure(0, 0, 1) + 2.5, figure(11, 1, 1) + 2.5}, range, 1e-9, "one scale over every map");
    }

    @Test
    void heatMapValuesAreTheSameBytesWhateverTheMachinesLocale(@TempDir Path tmp) throws Exception {
        SweepPlan plan = plan("grid", List.of(numeric("a", "1", "2"), numeric("b", "10", "20")), List.of("range"), "4", "unownedPartitionMs");
        List<PointStatistics> points = stats(plan, "unownedPartitionMs", (p, s, seed) -> 1234.25 * (p + 1) + NOISE[(int) seed - 1], false);
        SweepChartLayout.Spec spec = SweepChartLayout.of(plan).heatMaps().get(0);
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            ChartStyle.save(SweepCharts.heatMap(plan, points, "unownedPartitionMs", spec, new double[] {0, 6000}), tmp, "german");
        } finally {
            Locale.setDefault(before);
        }
        Locale.setDefault(Locale.ROOT);
        try {
            ChartStyle.save(SweepCharts.heatMap(plan, points, "unownedPartitionMs", spec, new double[] {0, 6000}), tmp, "root");
        } finally {
            Locale.setDefault(before);
        }
        assertArrayEquals(Files.readAllBytes(tmp.resolve("root.svg")), Files.readAllBytes(tmp.resolve("german.svg")));
        assertTrue(SweepCharts.heatMap(plan, points, "unownedPartitionMs", spec, new double[] {0, 6000}).getStyler().isShowValue(),
                "the cells carry their values (the format was reached)");
    }

    @Test
    void smallMultiplesAndHeatMapsAreCappedAndTheReportSaysWhatWasLeftOut() throws Exception {
        String[] ten = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};
        SweepPlan plan = plan("big", List.of(numeric("a", "1", "2", "3", "4", "5"), numeric("b", "1", "2", "3", "4", "5"), numeric("c", ten)),
                List.of("range", "sticky", "roundrobin"), "2", "maxLag");
        SweepChartLayout layout = SweepChartLayout.of(plan);
        long perAxis = layout.lines().stream().filter(s -> s.axis() == 0).count();
        assertEquals(SweepChartLayout.LINE_CHARTS_PER_AXIS, perAxis);
        assertEquals("sweep-line-1-1", layout.lines().get(0).name());
        assertArrayEquals(new int[] {-1, 0, 0}, layout.lines().get(0).choice());
        assertArrayEquals(new int[] {-1, 1, 1}, layout.lines().get(11).choice(), "the first in grid order: c fastest");
        assertTrue(layout.lineNotes().stream().anyMatch(n -> n.startsWith("Against a: 12 of the 50 combinations")), layout.lineNotes().toString());
        assertTrue(layout.lineNotes().stream().anyMatch(n -> n.startsWith("Against c: 12 of the 25 combinations")), layout.lineNotes().toString());
        assertEquals(SweepChartLayout.HEAT_MAPS, layout.heatMaps().size(), "8 values of c x 3 strategies");
        assertTrue(layout.heatNotes().stream().anyMatch(n -> n.startsWith("8 of the 10 combinations")), layout.heatNotes().toString());
        assertTrue(layout.heatNotes().get(0).contains("first two varied values"), layout.heatNotes().toString());
    }

    @Test
    void numbersGivenOutOfOrderAreDrawnLeftToRight() throws Exception {
        SweepPlan plan = plan("unsorted", List.of(numeric("timeline[0].at", "45s", "10s", "30s")), List.of("range"), "4", "maxLag");
        List<PointStatistics> points = stats(plan, "maxLag", SweepChartsTest::figure, false);
        XYSeries range = ((XYChart) SweepCharts.line(plan, points, "maxLag", SweepChartLayout.of(plan).lines().get(0))).getSeriesMap().get("range");
        assertArrayEquals(new double[] {10_000, 30_000, 45_000}, range.getXData());
        assertArrayEquals(new double[] {42.5, 92.5, 12.5}, range.getYData(), 1e-9, "each mean stays with its value");
    }

    @Test
    void theXAxisNamesTheUnitThePlanGivesNumbersIn() {
        assertEquals(" (ms)", SweepCharts.unit(numeric("timeline[1].at", "30s", "1m")));
        assertEquals(" (ms)", SweepCharts.unit(numeric("groups[g].config.session.timeout.ms", "10000", "45s")), "a .ms config given a duration");
        assertEquals("", SweepCharts.unit(numeric("groups[g].config.max.poll.records", "100", "500")));
        assertEquals(" (per s)", SweepCharts.unit(new io.kgsim.sweep.Axis("topics[t].produce.rate", List.of("1000/s", "2000/s"), new double[] {1000, 2000},
                null)));
    }

    @Test
    void oneAxisGetsNoHeatMapAndSaysWhy() throws Exception {
        SweepPlan plan = plan("one", List.of(numeric("a", "1", "2")), List.of("range"), "2", "maxLag");
        SweepChartLayout layout = SweepChartLayout.of(plan);
        assertTrue(layout.heatMaps().isEmpty());
        assertEquals(List.of("A heat map needs two varied values; this sweep varies one."), layout.heatNotes());
        assertFalse(layout.lines().isEmpty());
    }
}
