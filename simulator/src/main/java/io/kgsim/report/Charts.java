package io.kgsim.report;

import io.kgsim.metrics.DataPlaneLedger;
import io.kgsim.metrics.LatencyHistogram;
import io.kgsim.metrics.TimeSeriesRow;
import io.kgsim.sim.GroupResult;
import io.kgsim.sim.RunResult;
import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * The run's charts, each as PNG and SVG: throughput (consumed against produced), lag (group
 * and worst partition), unowned partitions, the rebalance timeline ({@link TimelineChart}),
 * imbalance, and partitions moved per rebalance. Every time chart marks each rebalance (thin
 * grey lines) and each timeline action (labelled red lines), so cause and effect line up. With
 * several groups every series is drawn once per group, named after it. Drawn headless with XChart.
 */
public final class Charts {
    public static final int WIDTH = ChartStyle.WIDTH;
    public static final int HEIGHT = ChartStyle.HEIGHT;
    /** The run's charts, in the order the report shows them. */
    public static final List<String> RUN = List.of("throughput", "lag", "unowned-partitions", "rebalance-timeline", "imbalance", "rebalance-moves", "latency");

    private Charts() {
    }

    /** Draws the run chart called {@code name} and writes it as PNG and SVG into {@code dir}. */
    public static void write(RunResult r, String name, Path dir) throws IOException {
        ChartStyle.save(chart(r, name), dir, name);
    }

    static Chart<?, ?> chart(RunResult r, String name) {
        return switch (name) {
            case "throughput" -> throughput(r);
            case "lag" -> lag(r);
            case "unowned-partitions" -> unowned(r);
            case "rebalance-timeline" -> TimelineChart.of(r);
            case "imbalance" -> imbalance(r);
            case "rebalance-moves" -> movesPerRebalance(r);
            case "latency" -> latency(r);
            default -> throw new IllegalArgumentException("no run chart called " + name);
        };
    }

    /** The comparison's overlay charts, one line per strategy. */
    public static final List<String> COMPARISON = List.of("compare-throughput", "compare-lag", "compare-unowned", "compare-imbalance");

    /**
     * Overlay charts of several runs of one scenario, one line per strategy. A chart that fails
     * to render is added to {@code failures} and the others are still written.
     *
     * @return the charts written
     */
    public static List<String> writeComparison(List<String> names, List<RunResult> runs, Path dir, List<OutputFailure> failures) {
        List<String> written = new ArrayList<>();
        for (String chart : COMPARISON) {
            try {
                ChartStyle.save(Overlays.chart(chart, names, runs), dir, chart);
                written.add(chart);
            } catch (IOException | RuntimeException e) {
                failures.add(OutputFailure.chart(chart, e));
            }
        }
        return written;
    }

    static XYChart throughput(RunResult r) {
        XYChart c = timeChart(r, "Throughput", "records / s", ChartStyle.COUNT);
        boolean many = r.groups().size() > 1;
        List<List<Double>> all = new ArrayList<>();
        for (GroupResult g : r.groups()) {
            List<Double> t = new ArrayList<>();
            List<Double> produced = new ArrayList<>();
            List<Double> consumed = new ArrayList<>();
            DataPlaneLedger ledger = r.ledgers().get(g.group());
            long before = 0;
            for (TimeSeriesRow row : rowsOf(r, g.group())) {
                t.add((double) row.second());
                produced.add((double) (row.producedTotal() - before));
                before = row.producedTotal();
                consumed.add(ledger.processedInSecond(row.second() - 1));
            }
            ChartStyle.line(c, "produced" + suffix(many, g), t, produced);
            ChartStyle.line(c, "consumed" + suffix(many, g), t, consumed);
            all.add(produced);
            all.add(consumed);
        }
        markRebalances(c, r, all);
        return c;
    }

    static XYChart lag(RunResult r) {
        XYChart c = timeChart(r, "Consumer lag (log-end offset minus committed offset)", "records", ChartStyle.COUNT);
        boolean many = r.groups().size() > 1;
        List<List<Double>> all = new ArrayList<>();
        for (GroupResult g : r.groups()) {
            all.add(series(c, r, g, "group lag" + suffix(many, g), row -> row.lag()));
            series(c, r, g, "max partition lag" + suffix(many, g), row -> row.maxPartitionLag());
        }
        markRebalances(c, r, all);
        return c;
    }

    /** Partitions no member may fetch, per group: what a rebalance costs while it lasts. */
    static XYChart unowned(RunResult r) {
        XYChart c = timeChart(r, "Unowned partitions (subscribed, fetched by no member)", "partitions", ChartStyle.COUNT);
        boolean many = r.groups().size() > 1;
        List<List<Double>> all = new ArrayList<>();
        for (GroupResult g : r.groups()) {
            all.add(series(c, r, g, "unowned partitions" + suffix(many, g), row -> row.unownedPartitions()));
        }
        markRebalances(c, r, all);
        return c;
    }

    /**
     * End-to-end record latency per second: the median and the 99th percentile of the records
     * whose processing finished in that second, per group; a second with none is a gap.
     */
    static XYChart latency(RunResult r) {
        XYChart c = timeChart(r, "Record latency (produced to processed)", "latency (ms)", ChartStyle.DECIMAL);
        boolean many = r.groups().size() > 1;
        List<List<Double>> all = new ArrayList<>();
        for (GroupResult g : r.groups()) {
            DataPlaneLedger ledger = r.ledgers().get(g.group());
            all.add(series(c, r, g, "p50" + suffix(many, g), row -> latencyMs(ledger, row, 0.50)));
            all.add(series(c, r, g, "p99" + suffix(many, g), row -> latencyMs(ledger, row, 0.99)));
        }
        markRebalances(c, r, all);
        return c;
    }

    private static double latencyMs(DataPlaneLedger ledger, TimeSeriesRow row, double quantile) {
        LatencyHistogram h = ledger.latencyInSecond(row.second() - 1);
        return h == null || h.count() <= 0 ? Double.NaN : h.percentile(quantile) / 1000;
    }

    /**
     * The busiest member's load as a percentage of the mean (100 = even) on the left axis, the
     * partition count spread on the right. Percent, not the ratio: XChart formats both y axes
     * with one pattern, and a whole-number pattern is what keeps 0.5 ticks off the count axis.
     */
    static XYChart imbalance(RunResult r) {
        XYChart c = timeChart(r, "Imbalance", "busiest member's load, % of the mean (100 = even)", ChartStyle.COUNT);
        c.setYAxisGroupTitle(1, "partition count spread (max - min)");
        c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        boolean many = r.groups().size() > 1;
        List<List<Double>> all = new ArrayList<>();
        double[] spreadMax = {1};
        for (GroupResult g : r.groups()) {
            all.add(series(c, r, g, "max / mean load %" + suffix(many, g), row -> 100 * row.maxOverMeanLoad()));
            List<Double> spreads = new ArrayList<>();
            XYSeries s = line(c, r, g, many ? "partition count spread (" + g.group() + ", right axis)" : "partition count spread (right axis)",
                    row -> row.partitionCountSpread() < 0 ? Double.NaN : row.partitionCountSpread(), spreads);
            s.setYAxisGroup(1);
            spreads.stream().filter(v -> !Double.isNaN(v)).forEach(v -> spreadMax[0] = Math.max(spreadMax[0], v));
        }
        // From 0, and never a single tick: a spread that stays 0 still gets an axis to read it on.
        c.getStyler().setYAxisMin(1, 0.0);
        c.getStyler().setYAxisMax(1, spreadMax[0]);
        markRebalances(c, r, all);
        return c;
    }

    /**
     * Partitions moved by each completed rebalance, one bar per group and generation (or group
     * epoch). One numeric axis shared by every group (several groups' bars stand side by side
     * where their numbers meet); a numeric axis also thins its labels by itself when a storm has
     * thousands of generations.
     */
    static XYChart movesPerRebalance(RunResult r) {
        XYChart c = new org.knowm.xchart.XYChartBuilder().width(WIDTH).height(HEIGHT).title("Partitions moved per rebalance")
                .xAxisTitle(epochAxisTitle(r)).yAxisTitle("partitions moved").build();
        ChartStyle.apply(c.getStyler());
        c.getStyler().setMarkerSize(0);
        c.getStyler().setXAxisDecimalPattern(ChartStyle.COUNT);
        c.getStyler().setYAxisDecimalPattern(ChartStyle.COUNT);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setPlotGridVerticalLinesVisible(false);
        TreeSet<Integer> generations = new TreeSet<>();
        double top = 1;
        for (GroupResult g : r.groups()) {
            generations.addAll(g.movementsPerEpoch().keySet());
            for (long n : g.movementsPerEpoch().values()) {
                top = Math.max(top, n);
            }
        }
        c.getStyler().setYAxisMax(top);
        if (generations.isEmpty()) {
            c.getStyler().setLegendVisible(false);
            ChartStyle.line(c, "no rebalance completed", List.of(0.0), List.of(0.0));
            return c;
        }
        int lo = generations.first();
        int hi = generations.last();
        c.getStyler().setXAxisMin(lo - 0.5);
        c.getStyler().setXAxisMax(hi + 0.5);
        c.getStyler().setLegendVisible(r.groups().size() > 1);
        addBars(c, r.groups(), hi - lo + 1);
        return c;
    }

    /** "generation", "group epoch", or both words when the run mixes protocols. */
    private static String epochAxisTitle(RunResult r) {
        TreeSet<String> names = new TreeSet<>();
        for (GroupResult g : r.groups()) {
            names.add(g.epochName());
        }
        return names.size() == 1 ? names.first() : "generation or group epoch";
    }

    /** Each group's bars, side by side within a generation's slot (80 % of the space between generations). */
    private static void addBars(XYChart c, List<GroupResult> groups, int generations) {
        double slot = 0.8 / groups.size();
        // The plot is about 880 px wide.
        float barPx = (float) Math.max(1, Math.min(40, 880.0 / generations * slot));
        for (int gi = 0; gi < groups.size(); gi++) {
            GroupResult g = groups.get(gi);
            double offset = (gi - (groups.size() - 1) / 2.0) * slot;
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            g.movementsPerEpoch().forEach((gen, n) -> {
                x.add(gen + offset);
                y.add(0.0);
                x.add(gen + offset);
                y.add((double) n);
                x.add(gen + offset);
                y.add(Double.NaN);
            });
            XYSeries s = ChartStyle.line(c, groups.size() > 1 ? "moved (" + g.group() + ")" : "moved", x, y);
            s.setLineStyle(new BasicStroke(barPx, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        }
    }

    private static List<Double> series(XYChart c, RunResult r, GroupResult g, String name, ToDoubleFunction<TimeSeriesRow> value) {
        List<Double> y = new ArrayList<>();
        line(c, r, g, name, value, y);
        return y;
    }

    private static XYSeries line(XYChart c, RunResult r, GroupResult g, String name, ToDoubleFunction<TimeSeriesRow> value) {
        return line(c, r, g, name, value, new ArrayList<>());
    }

    /** One line of a per-second value of {@code g}'s rows; its values are also put in {@code y}. */
    private static XYSeries line(XYChart c, RunResult r, GroupResult g, String name, ToDoubleFunction<TimeSeriesRow> value, List<Double> y) {
        List<Double> t = new ArrayList<>();
        for (TimeSeriesRow row : rowsOf(r, g.group())) {
            t.add((double) row.second());
            y.add(value.applyAsDouble(row));
        }
        return ChartStyle.line(c, name, t, y);
    }

    private static List<TimeSeriesRow> rowsOf(RunResult r, String group) {
        List<TimeSeriesRow> out = new ArrayList<>();
        for (TimeSeriesRow row : r.rows()) {
            if (row.group().equals(group)) {
                out.add(row);
            }
        }
        return out;
    }

    private static String suffix(boolean many, GroupResult g) {
        return many ? " (" + g.group() + ")" : "";
    }

    /** A time chart with each timeline action as a red dashed line, the first twelve labelled. */
    private static XYChart timeChart(RunResult r, String title, String yTitle, String yPattern) {
        XYChart c = ChartStyle.timeChart(title, yTitle, r.virtualDurationUs() / 1e6, yPattern);
        c.getStyler().setAnnotationLineStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        int n = 0;
        for (RunResult.Mark m : r.timeline()) {
            double x = m.timeUs() / 1e6;
            c.addAnnotation(new AnnotationLine(x, true, false));
            if (n++ < 12) {
                c.addAnnotation(new AnnotationText(m.label(), x, 0, false));
            }
        }
        return c;
    }

    /**
     * Each rebalance start as a thin grey vertical line spanning the plotted values (one series
     * with gaps between the lines, since XChart's annotation lines share a single colour).
     */
    private static void markRebalances(XYChart c, RunResult r, List<List<Double>> plotted) {
        double lo = 0;
        double hi = 1;
        for (List<Double> ys : plotted) {
            for (double v : ys) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        List<Double> starts = new ArrayList<>();
        for (GroupResult g : r.groups()) {
            for (long t : g.rebalanceStartsUs()) {
                starts.add(t / 1e6);
            }
        }
        ChartStyle.verticals(c, "rebalance started", starts, lo, hi, ChartStyle.REBALANCE);
    }

    /** The comparison's overlays: one line per strategy, summed over groups per second. */
    private static final class Overlays {
        private Overlays() {
        }

        static XYChart chart(String name, List<String> names, List<RunResult> runs) {
            return switch (name) {
                case "compare-throughput" -> overlay(names, runs, "Throughput consumed, by strategy", "records / s", false,
                        (r, row) -> r.ledgers().get(row.group()).processedInSecond(row.second() - 1));
                case "compare-lag" -> overlay(names, runs, "Group lag, by strategy", "records", false, (r, row) -> row.lag());
                case "compare-unowned" -> overlay(names, runs, "Unowned partitions, by strategy", "partitions", false,
                        (r, row) -> row.unownedPartitions());
                case "compare-imbalance" -> overlay(names, runs, "Imbalance, by strategy", "busiest member's load, % of the mean (100 = even)", true,
                        (r, row) -> 100 * row.maxOverMeanLoad());
                default -> throw new IllegalArgumentException("no comparison chart called " + name);
            };
        }

        interface RowValue {
            double of(RunResult r, TimeSeriesRow row);
        }

        /** @param worst take the worst group's value per second instead of the sum over groups */
        private static XYChart overlay(List<String> names, List<RunResult> runs, String title, String yTitle, boolean worst, RowValue value) {
            XYChart c = ChartStyle.timeChart(title, yTitle, runs.get(0).virtualDurationUs() / 1e6, ChartStyle.COUNT);
            for (RunResult.Mark m : runs.get(0).timeline()) {
                c.addAnnotation(new AnnotationLine(m.timeUs() / 1e6, true, false));
            }
            for (int i = 0; i < runs.size(); i++) {
                RunResult r = runs.get(i);
                TreeMap<Integer, Double> bySecond = new TreeMap<>();
                for (TimeSeriesRow row : r.rows()) {
                    double v = value.of(r, row);
                    if (worst) {
                        if (!Double.isNaN(v)) {
                            bySecond.merge(row.second(), v, (a, b) -> Double.isNaN(a) ? b : Math.max(a, b));
                        } else {
                            bySecond.putIfAbsent(row.second(), Double.NaN);
                        }
                    } else {
                        bySecond.merge(row.second(), v, Double::sum);
                    }
                }
                List<Double> t = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                bySecond.forEach((sec, v) -> {
                    // A per-second amount covers (s-1, s]: plotted at the middle of its second.
                    t.add(sec - 0.5);
                    y.add(v);
                });
                ChartStyle.line(c, names.get(i), t, y);
            }
            return c;
        }
    }
}
