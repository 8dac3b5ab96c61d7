package io.kgsim.report;

import io.kgsim.engine.Durations;
import io.kgsim.scenario.GroupSpec;
import io.kgsim.scenario.Scenario;
import io.kgsim.sim.Figures;
import io.kgsim.sim.GroupResult;
import io.kgsim.sim.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.html}: one self-contained page (styles inline, charts inline as SVG, no
 * script, no network fetch) with the scenario's description, the configuration that mattered,
 * the summary table and the charts.
 */
public final class HtmlReport {
    public static final List<String> RUN_CHARTS = List.of("throughput", "lag", "rebalance-timeline", "imbalance", "rebalance-moves",
            "latency");

    private HtmlReport() {
    }

    public static String forRun(Scenario s, RunResult r, Path chartDir) throws IOException {
        StringBuilder b = new StringBuilder();
        head(b, "kgsim: " + s.name());
        b.append("<h1>").append(esc(s.name())).append("</h1>\n");
        if (!s.description().isEmpty()) {
            b.append("<p class=\"lead\">").append(esc(s.description())).append("</p>\n");
        }
        b.append("<p>Seed ").append(r.seed()).append(", ").append(Durations.format(r.virtualDurationUs()))
                .append(" of virtual time, ").append(String.format(Locale.ROOT, "%,d", r.events())).append(" events.</p>\n");
        b.append("<h2>Configuration that mattered</h2>\n<table><tr><th>group</th><th>strategy</th><th>protocol</th><th>members</th>"
                + "<th>settings from the scenario</th></tr>\n");
        for (GroupSpec g : s.groups()) {
            StringBuilder settings = new StringBuilder();
            for (String k : g.config().explicit()) {
                settings.append(esc(k)).append('=').append(esc(String.valueOf(g.config().values().get(k)))).append("<br>");
            }
            b.append("<tr><td>").append(esc(g.groupId())).append("</td><td>").append(esc(g.config().strategyNames())).append("</td><td>")
                    .append(esc(g.config().protocol().configValue())).append("</td><td>").append(g.consumers())
                    .append(g.staticMembership() ? " (static)" : "").append("</td><td class=\"l\">").append(settings).append("</td></tr>\n");
        }
        b.append("</table>\n");
        b.append("<h2>Summary</h2>\n<table><tr><th></th>");
        for (GroupResult g : r.groups()) {
            b.append("<th>").append(esc(g.group())).append("</th>");
        }
        b.append("</tr>\n");
        figureRows(b, r.groups());
        b.append("</table>\n");
        if (r.invariantViolations() > 0 || !r.warnings().isEmpty()) {
            b.append("<h2>Warnings</h2>\n<ul>\n");
            for (String m : r.violationMessages()) {
                b.append("<li class=\"bad\">").append(esc(m)).append("</li>\n");
            }
            for (String m : r.warnings()) {
                b.append("<li>").append(esc(m)).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("<h2>Charts</h2>\n");
        for (String chart : RUN_CHARTS) {
            inlineSvg(b, chartDir.resolve(chart + ".svg"), chart);
        }
        foot(b);
        return b.toString();
    }

    /** The comparison page: the ranking first, then the overlay charts, then every figure side by side. */
    public static String forComparison(Scenario s, List<String> names, List<RunResult> runs, List<String> charts, Path chartDir) throws IOException {
        StringBuilder b = new StringBuilder();
        head(b, "kgsim compare: " + s.name());
        b.append("<h1>").append(esc(s.name())).append(": strategies compared</h1>\n");
        if (!s.description().isEmpty()) {
            b.append("<p class=\"lead\">").append(esc(s.description())).append("</p>\n");
        }
        b.append("<p>Every strategy ran the same workload with seed ").append(s.seed())
                .append(". Ranked by unowned partition time, then duplicates, max lag, partition movements, imbalance and cross-rack bytes (lower is better).</p>\n");
        b.append("<table id=\"ranking\"><tr><th>rank</th><th>strategy</th><th>unowned partition-seconds</th><th>records duplicated</th>"
                + "<th>max lag</th><th>partition movements</th><th>max / mean load</th><th>cross-rack bytes</th><th>rebalances</th></tr>\n");
        int rank = 1;
        for (int i : ComparisonJson.ranking(runs)) {
            RunResult r = runs.get(i);
            b.append("<tr><td>").append(rank++).append("</td><th>").append(esc(names.get(i))).append("</th><td>")
                    .append(String.format(Locale.ROOT, "%,.1f", r.unownedPartitionUs() / 1e6)).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%,d", r.recordsDuplicated())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%,d", r.maxLag())).append("</td><td>")
                    .append(r.partitionMovements()).append("</td><td>")
                    .append(Double.isNaN(r.maxOverMeanLoad()) ? "-" : String.format(Locale.ROOT, "%.3f", r.maxOverMeanLoad())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%,d", r.crossRackBytes())).append("</td><td>")
                    .append(r.rebalances()).append("</td></tr>\n");
        }
        b.append("</table>\n<h2>Over time</h2>\n");
        for (String chart : charts) {
            inlineSvg(b, chartDir.resolve(chart + ".svg"), chart);
        }
        b.append("<h2>Every figure</h2>\n<table><tr><th></th>");
        for (String n : names) {
            b.append("<th>").append(esc(n)).append("</th>");
        }
        b.append("</tr>\n");
        figureRows(b, runs);
        b.append("</table>\n<p>Each strategy's own report, trace and time series are in the directory named after it.</p>\n");
        foot(b);
        return b.toString();
    }

    /** One row per figure, one column per run or group. */
    static void figureRows(StringBuilder b, List<? extends Figures> columns) {
        row(b, "rebalances", columns, f -> Long.toString(f.rebalances()));
        row(b, "rebalance duration (start to completed)", columns, f -> FigureText.rebalanceDurations(f.rebalanceDurations()));
        row(b, "partition movements", columns, f -> Long.toString(f.partitionMovements()));
        row(b, "unowned partition-seconds", columns, f -> String.format(Locale.ROOT, "%,.1f", f.unownedPartitionUs() / 1e6));
        row(b, "records produced", columns, f -> String.format(Locale.ROOT, "%,d", f.recordsProduced()));
        row(b, "records consumed", columns, f -> String.format(Locale.ROOT, "%,d", f.recordsConsumed()));
        row(b, "records duplicated", columns, f -> String.format(Locale.ROOT, "%,d", f.recordsDuplicated()));
        row(b, "records lost", columns, f -> String.format(Locale.ROOT, "%,d", f.recordsLost()));
        row(b, "max group lag (records)", columns, f -> String.format(Locale.ROOT, "%,d", f.maxLag()));
        row(b, "record latency (produced to processed)", columns, f -> FigureText.recordLatency(f.recordLatency()));
        row(b, "max / mean load (time average)", columns, f -> Double.isNaN(f.maxOverMeanLoad()) ? "-" : String.format(Locale.ROOT, "%.3f", f.maxOverMeanLoad()));
        row(b, "partition count spread (time average)", columns,
                f -> Double.isNaN(f.partitionCountSpread()) ? "-" : String.format(Locale.ROOT, "%.2f", f.partitionCountSpread()));
        row(b, "cross-rack bytes", columns, f -> String.format(Locale.ROOT, "%,d", f.crossRackBytes()));
    }

    private static void row(StringBuilder b, String label, List<? extends Figures> columns, java.util.function.Function<Figures, String> cell) {
        b.append("<tr><th>").append(esc(label)).append("</th>");
        for (Figures f : columns) {
            b.append("<td>").append(esc(cell.apply(f))).append("</td>");
        }
        b.append("</tr>\n");
    }

    static void head(StringBuilder b, String title) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:1060px;margin:2em auto;color:#222;padding:0 1em}\n")
                .append("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right;vertical-align:top}\n")
                .append("th{background:#f4f4f4;text-align:left}td.l{text-align:left}.lead{font-size:1.1em}.bad{color:#b00}\n")
                .append("figure{margin:1.5em 0}figure svg{width:100%;height:auto;border:1px solid #eee}\n")
                .append("</style>\n</head>\n<body>\n");
    }

    static void foot(StringBuilder b) {
        b.append("<p><small>Written by kgsim. Same scenario and seed, same report.</small></p>\n</body>\n</html>\n");
    }

    /** The chart's SVG inline, without its XML prolog and DOCTYPE (which names a URL). */
    static void inlineSvg(StringBuilder b, Path svg, String name) throws IOException {
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        int start = text.indexOf("<svg");
        // Ids must be unique in the page: every chart has its own clip1, clip2...
        String body = text.substring(start).trim().replaceAll("\\bclip(\\d+)", name + "-clip$1");
        b.append("<figure id=\"chart-").append(esc(name)).append("\">\n").append(body)
                .append("\n<figcaption>").append(esc(name)).append("</figcaption>\n</figure>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
