package io.kgsim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What every kgsim chart shares: size, colours, one number format on every axis, legends
 * outside the plot, and writing a chart as PNG and as SVG with the same bytes for the same run.
 */
final class ChartStyle {
    static final int WIDTH = 1000;
    static final int HEIGHT = 480;
    /**
     * Counts (records, partitions, members): thousands separators and no decimals. XChart keeps
     * looking for a wider tick step while two tick labels read the same, so with this pattern a
     * count axis never gets 0.5 ticks (they would print as duplicates).
     */
    static final String COUNT = "#,##0";
    /** Ratios and seconds: the same separators, at most two decimals, never scientific notation. */
    static final String DECIMAL = "#,##0.##";
    static final Color REBALANCE = new Color(150, 150, 150, 110);
    static final Color ACTION = new Color(200, 40, 40, 190);

    private ChartStyle() {
    }

    /** An XY chart of virtual time: seconds on x from 0 to the run's end, y formatted as {@code yPattern}. */
    static XYChart timeChart(String title, String yTitle, double durationS, String yPattern) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("virtual time (s)").yAxisTitle(yTitle).build();
        apply(c.getStyler());
        c.getStyler().setMarkerSize(0);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(durationS);
        c.getStyler().setXAxisDecimalPattern(DECIMAL);
        c.getStyler().setYAxisDecimalPattern(yPattern);
        c.getStyler().setAnnotationLineColor(ACTION);
        return c;
    }

    /**
     * The house style. Legends sit below the plot, never on the data; the locale is fixed so
     * the separators (and so the bytes) do not depend on the machine's.
     */
    static void apply(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        if (s instanceof AxesChartStyler a) {
            a.setPlotGridLinesColor(new Color(225, 225, 225));
            a.setXAxisTickMarkSpacingHint(90);
            a.setLocale(Locale.ROOT);
            a.setXAxisDecimalPattern(DECIMAL);
            a.setYAxisDecimalPattern(DECIMAL);
        }
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        s.setAnnotationTextFontColor(ACTION);
        s.setAntiAlias(true);
    }

    static XYSeries line(XYChart c, String name, List<Double> x, List<Double> y) {
        if (x.isEmpty()) {
            x = List.of(0.0);
            y = List.of(0.0);
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** Vertical lines at {@code xs} from {@code yMin} to {@code yMax}, as one series with gaps. */
    static void verticals(XYChart c, String name, List<Double> xs, double yMin, double yMax, Color color) {
        if (xs.isEmpty()) {
            return;
        }
        double[] x = new double[xs.size() * 3];
        double[] y = new double[xs.size() * 3];
        for (int i = 0; i < xs.size(); i++) {
            x[3 * i] = xs.get(i);
            y[3 * i] = yMin;
            x[3 * i + 1] = xs.get(i);
            y[3 * i + 1] = yMax;
            x[3 * i + 2] = xs.get(i);
            y[3 * i + 2] = Double.NaN;
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(1f));
    }

    /**
     * Legends go below the plot in one row; XChart does not wrap that row, so a legend too wide
     * for the chart (several groups, each with its series) goes to the right of the plot instead,
     * one entry per line.
     */
    static void placeLegend(Chart<?, ?> chart) {
        Styler s = chart.getStyler();
        if (!s.isLegendVisible() || s.getLegendPosition() != Styler.LegendPosition.OutsideS) {
            return;
        }
        FontRenderContext frc = new FontRenderContext(null, true, false);
        double width = 0;
        for (String series : chart.getSeriesMap().keySet()) {
            // The sample line or box, the name, and the gaps XChart puts around them.
            width += s.getLegendFont().getStringBounds(series, frc).getWidth() + s.getLegendSeriesLineLength() + 3.0 * s.getLegendPadding();
        }
        if (width > WIDTH - 4.0 * s.getLegendPadding()) {
            s.setLegendPosition(Styler.LegendPosition.OutsideE);
            s.setLegendLayout(Styler.LegendLayout.Vertical);
        }
    }

    /** Writes {@code chart} as {@code name.png} and {@code name.svg} into {@code dir}. */
    static void save(Chart<?, ?> chart, Path dir, String name) throws IOException {
        placeLegend(chart);
        // Render the SVG first: if XChart fails on this chart, no PNG is left without its SVG.
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        String text = withDescription(stableIds(svg.toString(StandardCharsets.UTF_8)), chart);
        try (OutputStream png = Files.newOutputStream(dir.resolve(name + ".png"))) {
            BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
        }
        Files.writeString(dir.resolve(name + ".svg"), text, StandardCharsets.UTF_8);
    }

    /**
     * VectorGraphics2D names clip paths after identity hash codes, which differ between runs;
     * renumbering them in order of appearance makes the same chart the same bytes.
     */
    static String stableIds(String svg) {
        // Coordinates to a tenth of a pixel: a third of the bytes, no visible difference.
        svg = svg.replaceAll("(\\d+\\.\\d)\\d+", "$1");
        Matcher m = Pattern.compile("clip(\\d+)").matcher(svg);
        Map<String, String> ids = new HashMap<>();
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
}
