package io.kgsim.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kgsim.stats.Metric;
import io.kgsim.stats.MetricStatistics;
import io.kgsim.stats.PairedTest;
import io.kgsim.stats.RunFigures;
import io.kgsim.stats.SampleSummary;
import io.kgsim.stats.SeedStatistics;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * {@code comparison.json} of {@code compare --seeds} (and {@code statistics.json} of
 * {@code run --seeds}): what ran, how the statistics were made, per strategy and figure the
 * statistics, per figure the paired tests and the ranking (several strategies only), and every
 * run's figures, so anything here can be recomputed. Undefined numbers are null, never NaN.
 * Statistics are rounded to 6 significant digits; the runs' figures are written exactly.
 */
public final class SeedComparisonJson {
    private static final MathContext SIGNIFICANT = new MathContext(6);

    private SeedComparisonJson() {
    }

    public static String toJson(String scenario, SeedStatistics stats, List<RunFigures> runs) {
        ObjectNode root = SummaryJson.MAPPER.createObjectNode();
        root.put("scenario", scenario);
        ArrayNode seeds = root.putArray("seeds");
        stats.seeds().forEach(seeds::add);
        Versions.put(root);
        ArrayNode strategies = root.putArray("strategies");
        stats.strategies().forEach(strategies::add);
        putMethod(root.putObject("method"));
        putStatistics(root.putObject("statistics"), stats);
        if (stats.strategies().size() > 1) {
            putTests(root.putObject("tests"), stats);
            putRankings(root.putObject("ranking"), stats);
        }
        putRuns(root.putArray("runs"), runs);
        try {
            return SummaryJson.MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The choices behind the numbers, so a reader need not guess them. */
    private static void putMethod(ObjectNode o) {
        o.put("confidenceLevel", SampleSummary.CONFIDENCE);
        o.put("interval", "student-t");
        o.put("percentiles", "R-7");
        o.put("test", "wilcoxon-signed-rank, paired by seed, two-sided, zero differences dropped");
        o.put("exactUpTo", PairedTest.EXACT_UP_TO);
        o.put("correction", "holm");
        o.put("alpha", MetricStatistics.ALPHA);
    }

    private static void putStatistics(ObjectNode o, SeedStatistics stats) {
        for (int s = 0; s < stats.strategies().size(); s++) {
            ObjectNode byMetric = o.putObject(stats.strategies().get(s));
            for (MetricStatistics m : stats.metrics()) {
                SampleSummary x = m.summaries().get(s);
                ObjectNode v = byMetric.putObject(m.metric().name());
                v.put("n", x.n());
                rounded(v, "mean", x.mean());
                rounded(v, "sd", x.sd());
                rounded(v, "median", x.median());
                rounded(v, "p5", x.p5());
                rounded(v, "p95", x.p95());
                rounded(v, "ciLow", x.ciLow());
                rounded(v, "ciHigh", x.ciHigh());
            }
        }
    }

    private static void putTests(ObjectNode o, SeedStatistics stats) {
        for (MetricStatistics m : stats.metrics()) {
            ArrayNode pairs = o.putArray(m.metric().name());
            for (MetricStatistics.Pair p : m.pairs()) {
                PairedTest t = p.test();
                ObjectNode v = pairs.addObject();
                v.put("a", stats.strategies().get(t.a()));
                v.put("b", stats.strategies().get(t.b()));
                v.put("pairs", t.pairs());
                v.put("nonZero", t.nonZero());
                rounded(v, "meanDifference", t.meanDifference());
                rounded(v, "w", t.w());
                rounded(v, "p", t.p());
                v.put("method", t.method().word());
                rounded(v, "pHolm", p.pHolm());
                v.put("significant", p.significant());
            }
        }
    }

    private static void putRankings(ObjectNode o, SeedStatistics stats) {
        for (MetricStatistics m : stats.metrics()) {
            Metric metric = m.metric();
            if (!metric.lowerIsBetter()) {
                continue;
            }
            ArrayNode places = o.putArray(metric.name());
            for (MetricStatistics.Place p : m.ranking()) {
                ObjectNode v = places.addObject();
                v.put("rank", p.rank());
                v.put("strategy", stats.strategies().get(p.strategy()));
                rounded(v, "mean", m.summaries().get(p.strategy()).mean());
                ArrayNode same = v.putArray("indistinguishableFrom");
                p.indistinguishableFrom().forEach(i -> same.add(stats.strategies().get(i)));
            }
        }
    }

    private static void putRuns(ArrayNode a, List<RunFigures> runs) {
        for (RunFigures r : runs) {
            ObjectNode v = a.addObject();
            v.put("seed", r.seed());
            v.put("strategy", r.strategy());
            ObjectNode figures = v.putObject("figures");
            for (int m = 0; m < RunFigures.METRICS.size(); m++) {
                exact(figures, RunFigures.METRICS.get(m).name(), r.value(m));
            }
        }
    }

    /** Rounded to 6 significant digits; a whole number as an integer; null when undefined. */
    static void rounded(ObjectNode o, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(field);
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            o.put(field, (long) v);
        } else {
            o.put(field, new BigDecimal(v).round(SIGNIFICANT).stripTrailingZeros());
        }
    }

    /** As the run's summary.json writes it: integers as integers, others in their shortest decimal form. */
    static void exact(ObjectNode o, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(field);
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            o.put(field, (long) v);
        } else {
            o.put(field, BigDecimal.valueOf(v));
        }
    }
}
