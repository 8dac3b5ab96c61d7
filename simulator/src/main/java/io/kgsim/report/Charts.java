package io.kgsim.report;

import io.kgsim.engine.Durations;
import io.kgsim.metrics.DataPlaneLedger;
import io.kgsim.metrics.TimeSeriesRow;
import io.kgsim.sim.GroupResult;
import io.kgsim.sim.RunResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.kgsim.metrics.MemberTimeline;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The run's charts, each as PNG and SVG: throughput (consumed against produced), lag (group
 * and worst partition), imbalance, and partitions moved per rebalance. Every time chart marks
 * each rebalance (thin grey lines) and each timeline action (labelled red lines), so cause and
 * effect line up. Drawn headless with XChart.
 */
public final class Charts {
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 480;
    /** Above this many member-state intervals the rebalance timeline is drawn per pixel column. */
    static final int MAX_EXACT_INTERVALS = 20_000;
    /** Bounds the drawn rebalance timeline: rows times columns. */
    static final int MAX_TIMELINE_SEGMENTS = 100_000;
    private static final Color REBALANCE = new Color(150, 150, 150, 110);
    private static final Color ACTION = new Color(200, 40, 40, 190);

    private Charts() {
    }

    /** Writes every chart of {@code r} into {@code dir}; returns the file base names written. */
    public static List<String> writeAll(RunResult r, Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        save(throughput(r), dir, "throughput", names);
        save(lag(r), dir, "lag", names);
        save(imbalance(r), dir, "imbalance", names);
        save(movesPerRebalance(r), dir, "rebalance-moves", names);
        save(memberTimeline(r), dir, "rebalance-timeline", names);
        save(LatencyChart.of(r), dir, "latency", names);
        return names;
    }

    /** Overlay charts of several runs of one scenario, one line per strategy. */
    public static List<String> writeComparison(List<String> names, List<RunResult> runs, Path dir) throws IOException {
        List<String> written = new ArrayList<>();
        save(overlay(names, runs, "Throughput consumed, by strategy", "records / s", Metric.CONSUMED), dir, "compare-throughput", written);
        save(overlay(names, runs, "Group lag, by strategy", "records", Metric.LAG), dir, "compare-lag", written);
        save(overlay(names, runs, "Imbalance (max / mean member load), by strategy", "max / mean member load", Metric.LOAD), dir, "compare-imbalance", written);
        save(overlay(names, runs, "Unowned partitions, by strategy", "partitions", Metric.UNOWNED), dir, "compare-unowned", written);
        return written;
    }

    private enum Metric { CONSUMED, LAG, LOAD, UNOWNED }

    private static XYChart overlay(List<String> names, List<RunResult> runs, String title, String yTitle, Metric metric) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("virtual time (s)").yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setMarkerSize(0);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(runs.get(0).virtualDurationUs() / 1e6);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setAnnotationLineColor(ACTION);
        for (RunResult.Mark m : runs.get(0).timeline()) {
            c.addAnnotation(new AnnotationLine(m.timeUs() / 1e6, true, false));
        }
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            List<Double> t = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            // Summed over groups, per second.
            java.util.TreeMap<Integer, double[]> bySecond = new java.util.TreeMap<>();
            for (TimeSeriesRow row : r.rows()) {
                double v = switch (metric) {
                    case CONSUMED -> r.ledgers().get(row.group()).processedInSecond(row.second() - 1);
                    case LAG -> row.lag();
                    case LOAD -> row.maxOverMeanLoad();
                    case UNOWNED -> row.unownedPartitions();
                };
                double[] acc = bySecond.computeIfAbsent(row.second(), k -> new double[2]);
                if (metric == Metric.LOAD) {
                    acc[0] = Double.isNaN(acc[0]) || Double.isNaN(v) ? (Double.isNaN(v) ? acc[0] : v) : Math.max(acc[0], v);
                } else {
                    acc[0] += v;
                }
            }
            bySecond.forEach((sec, acc) -> {
                // A per-second amount covers (s-1, s]: plotted at the middle of its second.
                t.add(sec - 0.5);
                y.add(acc[0]);
            });
            line(c, names.get(i), t, y);
        }
        return c;
    }

    static XYChart throughput(RunResult r) {
        XYChart c = timeChart(r, "Throughput", "records / s");
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
            line(c, "produced" + suffix(many, g), t, produced);
            line(c, "consumed" + suffix(many, g), t, consumed);
            all.add(produced);
            all.add(consumed);
        }
        double[] yr = range(all);
        markRebalances(c, r, yr[0], yr[1]);
        return c;
    }

    static XYChart lag(RunResult r) {
        XYChart c = timeChart(r, "Consumer lag (log-end offset minus committed offset)", "records");
        boolean many = r.groups().size() > 1;
        List<List<Double>> all = new ArrayList<>();
        for (GroupResult g : r.groups()) {
            List<Double> t = new ArrayList<>();
            List<Double> lag = new ArrayList<>();
            List<Double> max = new ArrayList<>();
            for (TimeSeriesRow row : rowsOf(r, g.group())) {
                t.add((double) row.second());
                lag.add((double) row.lag());
                max.add((double) row.maxPartitionLag());
            }
            line(c, "group lag" + suffix(many, g), t, lag);
            line(c, "max partition lag" + suffix(many, g), t, max);
            all.add(lag);
        }
        double[] yr = range(all);
        markRebalances(c, r, yr[0], yr[1]);
        return c;
    }

    static XYChart imbalance(RunResult r) {
        XYChart c = timeChart(r, "Imbalance", "max / mean member load");
        c.setYAxisGroupTitle(1, "partition count spread (max - min)");
        boolean many = r.groups().size() > 1;
        List<List<Double>> all = new ArrayList<>();
        for (GroupResult g : r.groups()) {
            List<Double> t = new ArrayList<>();
            List<Double> load = new ArrayList<>();
            List<Double> spread = new ArrayList<>();
            for (TimeSeriesRow row : rowsOf(r, g.group())) {
                t.add((double) row.second());
                load.add(Double.isNaN(row.maxOverMeanLoad()) ? Double.NaN : row.maxOverMeanLoad());
                spread.add(row.partitionCountSpread() < 0 ? Double.NaN : (double) row.partitionCountSpread());
            }
            line(c, "maxOverMeanLoad" + suffix(many, g), t, load);
            XYSeries s = line(c, "partitionCountSpread" + suffix(many, g), t, spread);
            s.setYAxisGroup(1);
            all.add(load);
        }
        double[] yr = range(all);
        markRebalances(c, r, yr[0], yr[1]);
        return c;
    }

    private static final Map<MemberTimeline.State, Color> STATE_COLORS = new java.util.EnumMap<>(Map.of(
            MemberTimeline.State.STABLE, new Color(60, 160, 90),
            MemberTimeline.State.REVOKING, new Color(230, 140, 30),
            MemberTimeline.State.JOINING, new Color(70, 110, 220),
            MemberTimeline.State.PAUSED, new Color(150, 80, 190),
            MemberTimeline.State.STOPPED, new Color(190, 190, 190)));

    /**
     * Members on the y axis, virtual time on x, one bar per member coloured by what it was
     * doing: stable and fetching, revoking, joining or syncing, paused, stopped.
     */
    static XYChart memberTimeline(RunResult r) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Rebalance timeline")
                .xAxisTitle("virtual time (s)").yAxisTitle("member").build();
        style(c.getStyler());
        c.getStyler().setMarkerSize(0);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(r.virtualDurationUs() / 1e6);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setAnnotationLineColor(ACTION);
        boolean many = r.groups().size() > 1;
        // Member rows, in group then member-number order.
        Map<String, Integer> rowOf = new HashMap<>();
        List<String> rows = new ArrayList<>();
        for (MemberTimeline.Interval i : r.memberStates()) {
            String row = many ? i.group() + "/" + i.member() : i.member();
            if (rowOf.putIfAbsent(row, rows.size()) == null) {
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparingInt((String m) -> m.length()).thenComparing(m -> m));
        for (int k = 0; k < rows.size(); k++) {
            rowOf.put(rows.get(k), k);
        }
        c.getStyler().setYAxisMin(-1.0);
        c.getStyler().setYAxisMax((double) Math.max(1, rows.size()));
        // XChart hides this axis's tick labels (the series have gaps): members are named in the plot.
        c.getStyler().setYAxisTicksVisible(false);
        c.getStyler().setAnnotationTextFontColor(new Color(60, 60, 60));
        double labelX = r.virtualDurationUs() / 1e6 * 0.005;
        if (rows.size() <= 40) {
            for (int k = 0; k < rows.size(); k++) {
                c.addAnnotation(new AnnotationText(rows.get(k), labelX, k + 0.42, false));
            }
        }
        float width = (float) Math.max(2, Math.min(14, 300.0 / Math.max(1, rows.size())));
        List<MemberTimeline.Interval> intervals = r.memberStates();
        if (intervals.size() > MAX_EXACT_INTERVALS) {
            // A thousand members through a thousand rebalances are millions of segments, far more
            // than the plot has pixels: draw one column per pixel instead, each showing the most
            // disruptive state the member was in during it (as overdrawn segments would).
            // One column per pixel, fewer when the rows are too many to draw apart anyway.
            int columns = Math.max(100, Math.min(WIDTH, MAX_TIMELINE_SEGMENTS / Math.max(1, rows.size())));
            intervals = TimelineColumns.of(intervals, many, rowOf, rows.size(), r.virtualDurationUs(), columns);
            c.setTitle("Rebalance timeline (one column per " + Durations.format(Math.max(1, r.virtualDurationUs() / columns)) + ")");
        }
        for (MemberTimeline.State state : MemberTimeline.State.values()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (MemberTimeline.Interval i : intervals) {
                if (i.state() != state) {
                    continue;
                }
                double row = rowOf.get(many ? i.group() + "/" + i.member() : i.member());
                x.add(i.startUs() / 1e6);
                y.add(row);
                x.add(i.endUs() / 1e6);
                y.add(row);
                x.add(i.endUs() / 1e6);
                y.add(Double.NaN);
            }
            if (x.isEmpty()) {
                continue;
            }
            XYSeries s = c.addSeries(state.name().toLowerCase(java.util.Locale.ROOT), x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(STATE_COLORS.get(state));
            s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        }
        if (c.getSeriesMap().isEmpty()) {
            line(c, "no member", List.of(0.0), List.of(0.0));
        }
        for (RunResult.Mark m : r.timeline()) {
            c.addAnnotation(new AnnotationLine(m.timeUs() / 1e6, true, false));
        }
        return c;
    }

    static CategoryChart movesPerRebalance(RunResult r) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Partitions moved per rebalance").xAxisTitle("generation").yAxisTitle("partitions moved").build();
        style(c.getStyler());
        c.getStyler().setLegendVisible(r.groups().size() > 1);
        boolean any = false;
        for (GroupResult g : r.groups()) {
            List<String> gens = new ArrayList<>();
            List<Double> moves = new ArrayList<>();
            g.movementsPerGeneration().forEach((gen, n) -> {
                gens.add(Integer.toString(gen));
                moves.add((double) n);
            });
            if (gens.isEmpty()) {
                continue;
            }
            any = true;
            c.addSeries("moved" + suffix(r.groups().size() > 1, g), gens, moves);
        }
        if (!any) {
            c.addSeries("moved", List.of("none"), List.of(0.0));
        }
        return c;
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

    private static XYChart timeChart(RunResult r, String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("virtual time (s)").yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setMarkerSize(0);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(r.virtualDurationUs() / 1e6);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setAnnotationLineColor(ACTION);
        c.getStyler().setAnnotationLineStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        int n = 0;
        for (RunResult.Mark m : r.timeline()) {
            double x = m.timeUs() / 1e6;
            c.addAnnotation(new AnnotationLine(x, true, false));
            if (n++ < 12) {
                AnnotationText label = new AnnotationText(m.label(), x, 0, false);
                c.addAnnotation(label);
            }
        }
        return c;
    }

    /**
     * Each rebalance start as a thin grey vertical line spanning the plotted values (one series
     * with gaps between the lines, since XChart's annotation lines share a single colour).
     */
    private static void markRebalances(XYChart c, RunResult r, double yMin, double yMax) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (GroupResult g : r.groups()) {
            for (long t : g.rebalanceStartsUs()) {
                double s = t / 1e6;
                x.add(s);
                y.add(yMin);
                x.add(s);
                y.add(yMax);
                x.add(s);
                y.add(Double.NaN);
            }
        }
        if (x.isEmpty()) {
            return;
        }
        XYSeries s = c.addSeries("rebalance started", x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(REBALANCE);
        s.setLineStyle(new BasicStroke(1f));
    }

    private static double[] range(List<List<Double>> series) {
        double lo = 0;
        double hi = 1;
        for (List<Double> ys : series) {
            for (double v : ys) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return new double[] {lo, hi};
    }

    private static XYSeries line(XYChart c, String name, List<Double> x, List<Double> y) {
        if (x.isEmpty()) {
            x = List.of(0.0);
            y = List.of(0.0);
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setPlotGridLinesColor(new Color(225, 225, 225));
            a.setXAxisTickMarkSpacingHint(90);
        }
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        s.setAnnotationTextFontColor(ACTION);
        s.setLegendBorderColor(new Color(220, 220, 220));
        s.setAntiAlias(true);
    }

    /**
     * VectorGraphics2D names clip paths after identity hash codes, which differ between runs;
     * renumbering them in order of appearance makes the same chart the same bytes.
     */
    static String stableIds(String svg) {
        // Coordinates to a tenth of a pixel: a third of the bytes, no visible difference.
        svg = svg.replaceAll("(\\d+\\.\\d)\\d+", "$1");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("clip(\\d+)").matcher(svg);
        java.util.Map<String, String> ids = new java.util.HashMap<>();
        StringBuilder out = new StringBuilder(svg.length());
        while (m.find()) {
            String id = ids.computeIfAbsent(m.group(1), k -> Integer.toString(ids.size() + 1));
            m.appendReplacement(out, "clip" + id);
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * XChart draws text as outlines, so the SVG would hold no words: a {@code <title>} and a
     * {@code <desc>} naming the chart and its series make it readable to screen readers,
     * search and tests.
     */
    static String withDescription(String svg, Chart<?, ?> chart) {
        StringBuilder d = new StringBuilder("<title>").append(HtmlReport.esc(chart.getTitle())).append("</title><desc>series: ");
        d.append(HtmlReport.esc(String.join("; ", chart.getSeriesMap().keySet())));
        d.append("</desc>");
        int start = svg.indexOf("<svg");
        int end = svg.indexOf('>', start) + 1;
        return svg.substring(0, end) + "\n  " + d + svg.substring(end);
    }

    private static void save(Chart<?, ?> chart, Path dir, String name, List<String> names) throws IOException {
        try (OutputStream png = Files.newOutputStream(dir.resolve(name + ".png"))) {
            BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
        }
        java.io.ByteArrayOutputStream svg = new java.io.ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        String text = withDescription(stableIds(svg.toString(java.nio.charset.StandardCharsets.UTF_8)), chart);
        Files.writeString(dir.resolve(name + ".svg"), text, java.nio.charset.StandardCharsets.UTF_8);
        names.add(name);
    }
}
