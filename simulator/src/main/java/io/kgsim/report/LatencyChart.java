package io.kgsim.report;

import io.kgsim.metrics.LatencyHistogram;
import io.kgsim.metrics.TimeSeriesRow;
import io.kgsim.sim.GroupResult;
import io.kgsim.sim.RunResult;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * End-to-end record latency per virtual second: the median and the 99th percentile of the
 * records processed in each second, per group, with the timeline's actions marked. A second in
 * which nothing was processed is a gap.
 */
public final class LatencyChart {
    private LatencyChart() {
    }

    public static XYChart of(RunResult r) {
        XYChart c = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title("Record latency (produced to processed)")
                .xAxisTitle("virtual time (s)").yAxisTitle("latency (ms)").build();
        Styler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        c.getStyler().setMarkerSize(0);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(r.virtualDurationUs() / 1e6);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setAnnotationLineColor(new Color(200, 40, 40, 190));
        for (RunResult.Mark m : r.timeline()) {
            c.addAnnotation(new AnnotationLine(m.timeUs() / 1e6, true, false));
        }
        boolean many = r.groups().size() > 1;
        for (GroupResult g : r.groups()) {
            List<Double> t = new ArrayList<>();
            List<Double> p50 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            for (TimeSeriesRow row : r.rows()) {
                if (!row.group().equals(g.group())) {
                    continue;
                }
                LatencyHistogram h = r.ledgers().get(g.group()).latencyInSecond(row.second() - 1);
                boolean any = h != null && h.count() > 0;
                // A per-second figure covers (s-1, s]: plotted at its end, as the other time charts do.
                t.add((double) row.second());
                p50.add(any ? h.percentile(0.50) / 1000 : Double.NaN);
                p99.add(any ? h.percentile(0.99) / 1000 : Double.NaN);
            }
            String suffix = many ? " (" + g.group() + ")" : "";
            line(c, "p50" + suffix, t, p50);
            line(c, "p99" + suffix, t, p99);
        }
        return c;
    }

    private static void line(XYChart c, String name, List<Double> x, List<Double> y) {
        if (x.isEmpty()) {
            x = List.of(0.0);
            y = List.of(0.0);
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
    }
}
