package io.kgsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.metrics.MemberTimeline.Interval;
import io.kgsim.metrics.MemberTimeline.State;
import io.kgsim.scenario.ScenarioLoader;
import io.kgsim.sim.RunOptions;
import io.kgsim.sim.RunResult;
import io.kgsim.sim.ScenarioRun;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * What a reader of the charts relies on, read from XChart's own layout after drawing: every
 * axis in one number format, whole-number ticks on count axes, the imbalance spread axis on the
 * right, legends outside the plot, member names that never overlap at any member count.
 */
class ChartsTest {
    /** Two groups on one topic, the crash case of issue 11 with a restart and some load. */
    static final String TWO_GROUPS = """
            name: two-groups
            seed: 3
            duration: 60s
            topics:
              - name: t
                partitions: 6
                produce:
                  rate: 300/s
            groups:
              - group.id: a
                subscription: [t]
                consumers: 2
              - group.id: b
                subscription: [t]
                consumers: 3
                config:
                  partition.assignment.strategy: cooperative-sticky
            timeline:
              - at: 30s
                stop: b/c1
            """;

    static RunResult twoGroups;

    @BeforeAll
    static void run() throws Exception {
        twoGroups = new ScenarioRun(ScenarioLoader.parse("two.yaml", new StringReader(TWO_GROUPS)), RunOptions.defaults()).run();
    }

    /** A whole number, or a decimal, with thousands separators: never 1.8E5. */
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,3}(,\\d{3})*(\\.\\d+)?");
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,3}(,\\d{3})*");

    record Ticks(List<String> labels, List<Double> locations) {
    }

    /** The tick labels XChart laid out on an axis (drawing the chart lays it out). */
    static Ticks ticks(Chart<?, ?> chart, String axis, int yGroup) throws Exception {
        BitmapEncoder.getBufferedImage(chart);
        Method m = axis.equals("x") ? Chart.class.getDeclaredMethod("getXAxis") : Chart.class.getDeclaredMethod("getYAxis", int.class);
        m.setAccessible(true);
        Object a = axis.equals("x") ? m.invoke(chart) : m.invoke(chart, yGroup);
        Method calc = a.getClass().getMethod("getAxisTickCalculator");
        AxisTickCalculator t = (AxisTickCalculator) calc.invoke(a);
        return new Ticks(new ArrayList<>(t.getTickLabels()), new ArrayList<>(t.getTickLocations()));
    }

    @Test
    void everyAxisHasOneNumberFormatAndCountAxesHaveWholeTicks() throws Exception {
        for (String name : List.of("throughput", "lag", "unowned-partitions", "imbalance", "rebalance-moves")) {
            Chart<?, ?> chart = Charts.chart(twoGroups, name);
            List<String> xLabels = ticks(chart, "x", 0).labels();
            assertTrue(xLabels.size() >= 2, name + " x has ticks: " + xLabels);
            for (String label : xLabels) {
                assertTrue(NUMBER.matcher(label).matches(), name + " x tick " + label);
            }
            // Every y axis here counts something (the imbalance's left one in percent).
            int groups = name.equals("imbalance") ? 2 : 1;
            for (int g = 0; g < groups; g++) {
                List<String> labels = ticks(chart, "y", g).labels();
                assertTrue(labels.size() >= 2, name + " y" + g + " has ticks: " + labels);
                for (String label : labels) {
                    assertTrue(WHOLE.matcher(label).matches(), name + " y" + g + " tick " + label + " in " + labels);
                }
            }
        }
    }

    @Test
    void aLargeCountHasSeparatorsNotScientificNotation() throws Exception {
        XYChart c = ChartStyle.timeChart("t", "records", 100, ChartStyle.COUNT);
        ChartStyle.line(c, "lag", List.of(0.0, 50.0, 100.0), List.of(0.0, 55_000.0, 180_000.0));
        List<String> labels = ticks(c, "y", 0).labels();
        assertTrue(labels.contains("100,000"), labels.toString());
        labels.forEach(l -> assertTrue(WHOLE.matcher(l).matches(), l));
    }

    @Test
    void imbalanceSpreadIsOnTheRightAndLegendsAreOutsideThePlot() throws Exception {
        XYChart imbalance = Charts.imbalance(twoGroups);
        BitmapEncoder.getBufferedImage(imbalance);
        Method m = Chart.class.getDeclaredMethod("getYAxis", int.class);
        m.setAccessible(true);
        Object spreadAxis = m.invoke(imbalance, 1);
        double x = ((java.awt.geom.Rectangle2D) spreadAxis.getClass().getMethod("getBounds").invoke(spreadAxis)).getX();
        assertTrue(x > Charts.WIDTH / 2.0, "the spread axis is drawn on the right, at x=" + x);
        for (String name : Charts.RUN) {
            Chart<?, ?> chart = Charts.chart(twoGroups, name);
            ChartStyle.placeLegend(chart);
            Styler.LegendPosition p = chart.getStyler().getLegendPosition();
            assertTrue(p == Styler.LegendPosition.OutsideS || p == Styler.LegendPosition.OutsideE, name + ": " + p);
        }
        // Five series (two groups with long names) are too wide for one row below the plot.
        XYChart wide = ChartStyle.timeChart("t", "records", 10, ChartStyle.COUNT);
        for (String s : List.of("group lag (billing)", "max partition lag (billing)", "group lag (fraud-check)", "max partition lag (fraud-check)", "rebalance started")) {
            ChartStyle.line(wide, s, List.of(0.0, 10.0), List.of(0.0, 1.0));
        }
        ChartStyle.placeLegend(wide);
        assertEquals(Styler.LegendPosition.OutsideE, wide.getStyler().getLegendPosition());
    }

    @Test
    void movesChartHasOneBarSeriesPerGroupOnOneGenerationAxis() throws Exception {
        XYChart moves = Charts.movesPerRebalance(twoGroups);
        assertEquals(List.of("moved (a)", "moved (b)"), List.copyOf(moves.getSeriesMap().keySet()));
        List<String> x = ticks(moves, "x", 0).labels();
        assertTrue(x.contains("1") && x.contains("2"), x.toString());
    }

    @Test
    void thirtyMembersAreNamedWithoutOverlap() throws Exception {
        checkMemberLabels(30, 10);
    }

    @Test
    void aThousandMembersAreNamedWithoutOverlap() throws Exception {
        checkMemberLabels(1000, 8);
    }

    /**
     * Every drawn label is a member's name, labels are at least a 10 pt line apart, in member
     * order from the top, and there are at least {@code atLeast} of them.
     */
    private static void checkMemberLabels(int members, int atLeast) throws Exception {
        List<String> rows = new ArrayList<>();
        List<Interval> intervals = new ArrayList<>();
        for (int i = 1; i <= members; i++) {
            rows.add("c" + i);
            intervals.add(new Interval("g", "c" + i, State.JOINING, 0, 1_000_000));
            intervals.add(new Interval("g", "c" + i, State.STABLE, 1_000_000, 60_000_000));
        }
        XYChart c = TimelineChart.of(rows, false, intervals, 60_000_000, List.of());
        Ticks t = ticks(c, "y", 0);
        List<Integer> named = new ArrayList<>();
        List<Double> at = new ArrayList<>();
        for (int i = 0; i < t.labels().size(); i++) {
            String label = t.labels().get(i);
            if (label.isBlank()) {
                continue;
            }
            assertTrue(label.matches("c\\d+"), "a member's name: '" + label + "'");
            named.add(Integer.parseInt(label.substring(1)));
            at.add(t.locations().get(i));
        }
        assertTrue(named.size() >= atLeast, members + " members, labels: " + named);
        for (int i = 1; i < named.size(); i++) {
            assertTrue(named.get(i) < named.get(i - 1), "the first member at the top: " + named);
            assertTrue(at.get(i) - at.get(i - 1) >= 14, "labels " + named.get(i - 1) + " and " + named.get(i) + " are "
                    + (at.get(i) - at.get(i - 1)) + " px apart");
        }
        assertEquals(1, named.get(named.size() - 1), "the first member, at the top, is named: " + named);
        if (members <= 20) {
            assertEquals(members, named.size(), "a small group has every member named");
        }
    }

    @Test
    void aFewMembersAreAllNamed() throws Exception {
        checkMemberLabels(5, 5);
        checkMemberLabels(1, 1);
    }

    @Test
    void severalGroupsNameTheirMembersWithTheGroup() {
        List<String> rows = TimelineChart.rows(twoGroups, true);
        assertEquals(List.of("a/c1", "a/c2", "b/c1", "b/c2", "b/c3"), rows);
        assertFalse(Charts.chart(twoGroups, "rebalance-timeline").getSeriesMap().isEmpty());
    }
}
