package io.kgsim.report;

import io.kgsim.stats.RunFigures;
import io.kgsim.stats.SeedStatistics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.style.BoxStyler;

/**
 * Box plots over seeds, one chart per figure ({@code box-<figure>}, PNG and SVG), one box per
 * strategy: quartiles by R-7 (XChart's {@code N_LESS_1_PLUS_1}, the same estimation as the
 * statistics' percentiles), whiskers to the furthest value within 1.5 interquartile ranges.
 * A figure that took one value in every run, or none, gets no chart: there is nothing to see.
 */
public final class BoxCharts {
    private BoxCharts() {
    }

    /** The chart name of a figure. */
    public static String name(String metric) {
        return "box-" + metric;
    }

    /** The figures worth a chart: defined somewhere, and not the same in every run. */
    public static List<String> drawn(List<RunFigures> runs) {
        List<String> names = new ArrayList<>();
        for (int m = 0; m < RunFigures.METRICS.size(); m++) {
            double first = Double.NaN;
            boolean varies = false;
            for (RunFigures r : runs) {
                double v = r.value(m);
                if (Double.isNaN(v)) {
                    continue;
                }
                varies |= !Double.isNaN(first) && v != first;
                first = Double.isNaN(first) ? v : first;
            }
            if (varies) {
                names.add(RunFigures.METRICS.get(m).name());
            }
        }
        return names;
    }

    /**
     * Writes every chart of {@link #drawn}; one that fails is added to {@code failures} and the
     * others are still written.
     */
    public static List<String> write(SeedStatistics stats, List<RunFigures> runs, Path dir, List<OutputFailure> failures) {
        List<String> written = new ArrayList<>();
        for (String metric : drawn(runs)) {
            String name = name(metric);
            try {
                ChartStyle.save(chart(stats, runs, metric), dir, name);
                written.add(name);
            } catch (IOException | RuntimeException e) {
                failures.add(OutputFailure.chart(name, e));
            }
        }
        return written;
    }

    static BoxChart chart(SeedStatistics stats, List<RunFigures> runs, String metric) {
        int m = RunFigures.index(metric);
        BoxChart c = new BoxChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(metric + " over " + stats.seeds().size() + " seeds").yAxisTitle(metric).build();
        ChartStyle.apply(c.getStyler());
        c.getStyler().setBoxplotCalCulationMethod(BoxStyler.BoxplotCalCulationMethod.N_LESS_1_PLUS_1);
        c.getStyler().setLegendVisible(false);
        for (String strategy : stats.strategies()) {
            List<Double> values = new ArrayList<>();
            for (RunFigures r : runs) {
                if (r.strategy().equals(strategy) && !Double.isNaN(r.value(m))) {
                    values.add(r.value(m));
                }
            }
            if (!values.isEmpty()) {
                c.addSeries(strategy, values);
            }
        }
        return c;
    }
}
