package io.kgsim.report;

import io.kgsim.scenario.Values;
import io.kgsim.stats.SampleSummary;
import io.kgsim.sweep.Axis;
import io.kgsim.sweep.PointStatistics;
import io.kgsim.sweep.SweepPlan;
import java.awt.Color;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A sweep's charts of one figure (PNG and SVG, in the house style), as {@link SweepChartLayout}
 * lays them out: line charts of the mean over seeds against one axis, one series per strategy,
 * with the 95 % confidence interval of the mean as error bars (numbers on x when the axis'
 * values are numbers, categories otherwise), and heat maps of the mean over two axes.
 */
public final class SweepCharts {
    /** Light to dark: on most figures more is worse, so the dark cells are where to look. */
    private static final Color[] HEAT_COLOURS = {new Color(255, 255, 204), new Color(253, 141, 60), new Color(189, 0, 38)};

    private SweepCharts() {
    }

    /** Saves a chart as PNG and SVG; tests swap it for one that fails. */
    @FunctionalInterface
    interface Saver {
        void save(Chart<?, ?> chart, Path dir, String name) throws IOException;
    }

    /** Replaced only by tests, to check what a sweep does when a chart fails to render. */
    static volatile Saver saver = ChartStyle::save;

    /**
     * Draws every chart of {@code layout} into {@code dir}. A chart whose figure is undefined at
     * every point it covers is not drawn; one that fails is added to {@code failures} (no half
     * of it is left) and the others are still drawn.
     *
     * @return the names (without extension) of the charts written, in the layout's order
     */
    static List<String> write(SweepPlan plan, List<PointStatistics> points, String metric, SweepChartLayout layout, Path dir,
            List<OutputFailure> failures) {
        double[] range = heatRange(plan, points, metric, layout.heatMaps());
        List<String> written = new ArrayList<>();
        List<SweepChartLayout.Spec> all = new ArrayList<>(layout.lines());
        all.addAll(layout.heatMaps());
        for (SweepChartLayout.Spec spec : all) {
            try {
                Chart<?, ?> chart = spec.isHeatMap() ? heatMap(plan, points, metric, spec, range) : line(plan, points, metric, spec);
                if (chart != null) {
                    saver.save(chart, dir, spec.name());
                    written.add(spec.name());
                }
            } catch (IOException | RuntimeException e) {
                failures.add(OutputFailure.chart(spec.name(), e));
                deleteQuietly(dir.resolve(spec.name() + ".png"));
                deleteQuietly(dir.resolve(spec.name() + ".svg"));
            }
        }
        return written;
    }

    /** The summary of {@code metric} for strategy {@code s} at the point {@code choice} names. */
    static SampleSummary summary(SweepPlan plan, List<PointStatistics> points, String metric, int[] choice, int s) {
        return points.get(SweepGrid.point(plan.axes(), choice)).stats().metric(metric).summaries().get(s);
    }

    /** The line chart of {@code spec}, or null when the figure is undefined at every point of it. */
    static Chart<?, ?> line(SweepPlan plan, List<PointStatistics> points, String metric, SweepChartLayout.Spec spec) {
        Axis axis = plan.axes().get(spec.axis());
        String fixed = SweepGrid.describe(plan.axes(), spec.choice());
        String title = metric + " by " + axis.path() + (fixed.isEmpty() ? "" : " (" + fixed + ")");
        String yTitle = metric + " (mean, 95 % CI)";
        Chart<?, ?> chart;
        if (axis.isNumeric()) {
            XYChart c = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT).title(title)
                    .xAxisTitle(axis.path() + unit(axis)).yAxisTitle(yTitle).build();
            ChartStyle.apply(c.getStyler());
            chart = c;
        } else {
            CategoryChart c = new CategoryChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT).title(title)
                    .xAxisTitle(axis.path()).yAxisTitle(yTitle).build();
            ChartStyle.apply(c.getStyler());
            c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
            // Every strategy's point at its category's centre: XChart otherwise offsets series as if they were bars.
            c.getStyler().setOverlapped(true);
            chart = c;
        }
        boolean any = false;
        for (int s = 0; s < plan.strategies().size(); s++) {
            any |= addSeries(chart, plan, points, metric, spec, s);
        }
        return any ? chart : null;
    }

    /**
     * One strategy's means along the chart's axis, the interval's half-width as error bars (0
     * where there is no interval: one defined run). Undefined means are left out of a numeric
     * axis and are gaps on a category axis (whose categories every series must share).
     *
     * @return false when the strategy has no defined mean on this chart (no series then)
     */
    private static boolean addSeries(Chart<?, ?> chart, SweepPlan plan, List<PointStatistics> points, String metric,
            SweepChartLayout.Spec spec, int s) {
        Axis axis = plan.axes().get(spec.axis());
        double[] numeric = axis.numeric();
        List<Object> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> error = new ArrayList<>();
        boolean any = false;
        int[] choice = spec.choice().clone();
        for (int v : order(axis)) {
            choice[spec.axis()] = v;
            SampleSummary x1 = summary(plan, points, metric, choice, s);
            boolean defined = !Double.isNaN(x1.mean());
            any |= defined;
            if (defined || numeric == null) {
                x.add(numeric == null ? axis.values().get(v) : (Object) numeric[v]);
                y.add(x1.mean());
                error.add(Double.isNaN(x1.ciHalfWidth()) ? 0.0 : x1.ciHalfWidth());
            }
        }
        if (!any) {
            return false;
        }
        String name = plan.strategies().get(s);
        if (chart instanceof XYChart c) {
            c.addSeries(name, x.stream().mapToDouble(o -> (Double) o).toArray(), y.stream().mapToDouble(d -> d).toArray(),
                    error.stream().mapToDouble(d -> d).toArray());
        } else {
            ((CategoryChart) chart).addSeries(name, x, y, error);
        }
        return true;
    }

    /** The axis' values left to right: by number on a numeric axis (a line must not zigzag), else as the sweep file lists them. */
    static int[] order(Axis axis) {
        double[] numeric = axis.numeric();
        return IntStream.range(0, axis.values().size()).boxed()
                .sorted(numeric == null ? Comparator.naturalOrder() : Comparator.comparingDouble(v -> numeric[v]))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * The unit the plan gives a numeric axis' values in: " (ms)" for durations, " (per s)" for
     * rates, "" for plain numbers (a Kafka config's own unit is in its name).
     */
    static String unit(Axis axis) {
        return axis.unit().isEmpty() ? "" : " (" + axis.unit() + ")";
    }

    /** The heat map of {@code spec}: the mean per cell, undefined cells left blank; null when every cell is. */
    static HeatMapChart heatMap(SweepPlan plan, List<PointStatistics> points, String metric, SweepChartLayout.Spec spec, double[] range) {
        Axis across = plan.axes().get(0);
        Axis up = plan.axes().get(1);
        List<Number[]> cells = cells(plan, points, metric, spec);
        if (cells.isEmpty()) {
            return null;
        }
        String fixed = SweepGrid.describe(plan.axes(), spec.choice());
        HeatMapChart c = new HeatMapChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(metric + " (mean): " + plan.strategies().get(spec.strategy()) + (fixed.isEmpty() ? "" : " (" + fixed + ")"))
                .xAxisTitle(across.path()).yAxisTitle(up.path()).build();
        ChartStyle.apply(c.getStyler());
        c.getStyler().setRangeColors(HEAT_COLOURS);
        c.getStyler().setMin(range[0]);
        c.getStyler().setMax(range[1]);
        c.getStyler().setShowValue(true);
        // Each cell prints its mean and the caption gives the scale; XChart's colour bar would put
        // its end labels into the SVG as pale bitmaps.
        c.getStyler().setLegendVisible(false);
        c.getStyler().setHeatMapValueDecimalPattern(ChartStyle.DECIMAL);
        rootLocaleValues(c);
        c.addSeries(metric, across.values(), up.values(), cells);
        return c;
    }

    /**
     * XChart 3.8.8 writes a heat map's cell values with a {@code DecimalFormat} of the machine's
     * locale (made when the chart is built; its styler's locale is not used), so a German machine
     * would write 2.112,5 where others write 2,112.5: the same sweep, other bytes. The format is
     * reached by reflection and given the root locale's symbols; should a later XChart move it,
     * the cells go without values (the table has them), still the same bytes everywhere.
     */
    static void rootLocaleValues(HeatMapChart c) {
        try {
            Object plot = read(c, "plot");
            DecimalFormat df = (DecimalFormat) read(read(plot, "plotContent"), "df");
            df.setDecimalFormatSymbols(DecimalFormatSymbols.getInstance(Locale.ROOT));
        } catch (ReflectiveOperationException | RuntimeException e) {
            c.getStyler().setShowValue(false);
        }
    }

    /** The field {@code name} of {@code o}, declared by its class or a superclass. */
    private static Object read(Object o, String name) throws ReflectiveOperationException {
        for (Class<?> k = o.getClass(); k != null; k = k.getSuperclass()) {
            try {
                Field f = k.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(o);
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(name);
    }

    /** The defined cells of a heat map as XChart takes them: {x index, y index, mean}. */
    static List<Number[]> cells(SweepPlan plan, List<PointStatistics> points, String metric, SweepChartLayout.Spec spec) {
        List<Number[]> cells = new ArrayList<>();
        int[] choice = spec.choice().clone();
        for (int i = 0; i < plan.axes().get(0).values().size(); i++) {
            for (int j = 0; j < plan.axes().get(1).values().size(); j++) {
                choice[0] = i;
                choice[1] = j;
                double mean = summary(plan, points, metric, choice, spec.strategy()).mean();
                if (!Double.isNaN(mean)) {
                    cells.add(new Number[] {i, j, mean});
                }
            }
        }
        return cells;
    }

    /** The lowest and highest mean over every heat map drawn: one scale for all; widened when they are equal. */
    static double[] heatRange(SweepPlan plan, List<PointStatistics> points, String metric, List<SweepChartLayout.Spec> heatMaps) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (SweepChartLayout.Spec spec : heatMaps) {
            for (Number[] cell : cells(plan, points, metric, spec)) {
                min = Math.min(min, cell[2].doubleValue());
                max = Math.max(max, cell[2].doubleValue());
            }
        }
        if (!(min < max)) {
            double v = Double.isInfinite(min) ? 0 : min;
            return new double[] {v - 1, v + 1};
        }
        return new double[] {min, max};
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // The staging directory is removed whatever is left in it.
        }
    }
}
