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
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (styles inline, charts inline as SVG, no
 * script, no network fetch) with the scenario's description, the configuration that mattered,
 * the summary table and the charts.
 */
public final class HtmlReport {
    public static final List<String> RUN_CHARTS = Charts.RUN;

    /** What each chart shows and how to read it, under the chart. */
    private static final Map<String, String> CAPTIONS = Map.ofEntries(
            Map.entry("throughput", "Records produced into the group's topics and records it processed, per virtual second. "
                    + "Consumed below produced: the group falls behind and lag grows; above: it catches up. "
                    + "Grey lines: a rebalance started; red dashed lines: the scenario's timeline actions."),
            Map.entry("lag", "Lag (log-end offset minus committed offset), summed over the group's partitions, and the worst "
                    + "partition's, per second. Lag that rises after an action and drains later is what that disruption "
                    + "cost; lag that never drains means the group cannot keep up."),
            Map.entry("unowned-partitions", "Subscribed partitions that no member may fetch, per second: all of them while an "
                    + "eager rebalance runs, only the moving ones in a cooperative one, a crashed member's until its session "
                    + "times out. The area under the line is the unowned partition-seconds that compare ranks by first."),
            Map.entry("rebalance-timeline", "One bar per member, the first at the top: green stable and fetching, orange "
                    + "revoking, blue joining or syncing (not fetching), purple paused, grey stopped. Blue across every "
                    + "member at once is a stop-the-world rebalance; red lines are the timeline actions."),
            Map.entry("imbalance", "Left axis: the busiest member's load (the summed production rate of the partitions it "
                    + "owns) as a percentage of the mean member's; 100 is even, 200 means it carries twice the average "
                    + "(summary.json gives the ratio: 1.25 there is 125 here). Right axis: the most minus the fewest "
                    + "partitions a member owns."),
            Map.entry("rebalance-moves", "Partitions handed to another member by each completed rebalance, by generation "
                    + "(classic protocol) or group epoch (consumer protocol), one bar per group. Assignors that ignore "
                    + "current ownership move many; sticky and cooperative ones move only what must move."),
            Map.entry("latency", "End-to-end record latency, from the moment a record was produced to the moment it was "
                    + "processed (reprocessed duplicates included), per second: the median and the 99th percentile of the "
                    + "records processed in that second. A rebalance or a crash shows as a climb that lasts until the backlog drains."),
            Map.entry("compare-throughput", "Records processed per second, summed over the groups, one line per strategy. "
                    + "A dip is where a strategy stopped consuming."),
            Map.entry("compare-lag", "Lag summed over the groups, one line per strategy: lower, and draining sooner, is better."),
            Map.entry("compare-unowned", "Partitions nobody may fetch, summed over the groups, one line per strategy. The area "
                    + "under a line is the unowned partition-seconds the ranking starts with."),
            Map.entry("compare-imbalance", "The busiest member's load as a percentage of the mean (the worst group's), one "
                    + "line per strategy; 100 is even."));

    private HtmlReport() {
    }

    public static String forRun(Scenario s, RunResult r, Path chartDir) throws IOException {
        return forRun(s, r, chartDir, List.of());
    }

    /** @param failures outputs that could not be rendered: a missing chart's figure says why */
    public static String forRun(Scenario s, RunResult r, Path chartDir, List<OutputFailure> failures) throws IOException {
        return forRun(s, r, chartDir, failures, "");
    }

    /** @param extraHtml a section another module adds after the summary (a replay's comparison), or "" */
    public static String forRun(Scenario s, RunResult r, Path chartDir, List<OutputFailure> failures, String extraHtml) throws IOException {
        StringBuilder b = new StringBuilder();
        head(b, "kgsim: " + s.name());
        b.append("<h1>").append(esc(s.name())).append("</h1>\n");
        if (!s.description().isEmpty()) {
            b.append("<p class=\"lead\">").append(esc(s.description())).append("</p>\n");
        }
        b.append("<p>Seed ").append(r.seed()).append(", ").append(Durations.format(r.virtualDurationUs()))
                .append(" of virtual time, ").append(String.format(Locale.ROOT, "%,d", r.events())).append(" events.</p>\n");
        configurationTable(b, s.groups());
        summaryTable(b, r.groups());
        warnings(b, r);
        b.append(extraHtml);
        b.append("<h2>Charts</h2>\n");
        for (String chart : RUN_CHARTS) {
            inlineSvg(b, chartDir.resolve(chart + ".svg"), chart, failures);
        }
        foot(b);
        return b.toString();
    }

    /** Per group: strategy, protocol, member count and the modelled settings the scenario set. */
    private static void configurationTable(StringBuilder b, List<GroupSpec> groups) {
        b.append("<h2>Configuration that mattered</h2>\n<table><tr><th>group</th><th>strategy</th><th>protocol</th><th>members</th>"
                + "<th>settings from the scenario</th></tr>\n");
        for (GroupSpec g : groups) {
            StringBuilder settings = new StringBuilder();
            for (String k : g.config().modelledExplicit()) {
                settings.append(esc(k)).append('=').append(esc(String.valueOf(g.config().values().get(k)))).append("<br>");
            }
            b.append("<tr><td>").append(esc(g.groupId())).append("</td><td>").append(esc(g.config().strategyNames())).append("</td><td>")
                    .append(esc(g.config().protocol().configValue())).append("</td><td>").append(g.consumers())
                    .append(g.staticMembership() ? " (static)" : "").append("</td><td class=\"l\">").append(settings).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    /** Every figure, one column per group. */
    private static void summaryTable(StringBuilder b, List<GroupResult> groups) {
        b.append("<h2>Summary</h2>\n<table><tr><th></th>");
        for (GroupResult g : groups) {
            b.append("<th>").append(esc(g.group())).append("</th>");
        }
        b.append("</tr>\n");
        figureRows(b, groups);
        b.append("</table>\n");
    }

    /** Invariant violations (in red), then the scenario's warnings; nothing when there are neither. */
    private static void warnings(StringBuilder b, RunResult r) {
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
                .append(". Ranked by unowned partition time, then duplicates, max lag, partition movements, imbalance and cross-rack bytes (lower is better); strategies equal on all of these share a rank.</p>\n");
        b.append("<table id=\"ranking\"><tr><th>rank</th><th>strategy</th><th>unowned partition-seconds</th><th>records duplicated</th>"
                + "<th>max lag</th><th>partition movements</th><th>max / mean load</th><th>cross-rack bytes</th><th>rebalances</th></tr>\n");
        for (ComparisonJson.Place p : ComparisonJson.ranking(runs)) {
            int i = p.run();
            RunResult r = runs.get(i);
            b.append("<tr><td>").append(p.rank()).append("</td><th>").append(reportLink(names.get(i))).append("</th><td>")
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
            inlineSvg(b, chartDir.resolve(chart + ".svg"), chart, List.of());
        }
        b.append("<h2>Every figure</h2>\n<table><tr><th></th>");
        for (String n : names) {
            b.append("<th>").append(reportLink(n)).append("</th>");
        }
        b.append("</tr>\n");
        figureRows(b, runs);
        b.append("</table>\n<p>Each strategy's own report (linked from its name), trace and time series are in the directory named after it.</p>\n");
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
        head(b, title, "");
    }

    /** @param extraCss rules a page adds to the common ones (a sweep's best and tied cells) */
    static void head(StringBuilder b, String title, String extraCss) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:1060px;margin:2em auto;color:#222;padding:0 1em}\n")
                .append("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right;vertical-align:top}\n")
                .append("th{background:#f4f4f4;text-align:left}td.l{text-align:left}.lead{font-size:1.1em}.bad{color:#b00}\n")
                .append("figure{margin:1.5em 0}figure svg{width:100%;height:auto;border:1px solid #eee}figcaption{color:#444;margin-top:.3em}\n").append(extraCss)
                .append("</style>\n</head>\n<body>\n");
    }

    static void foot(StringBuilder b) {
        b.append("<p><small>Written by kgsim. Same scenario and seed, same report.</small></p>\n</body>\n</html>\n");
    }

    /**
     * The chart's SVG inline, without its XML prolog and DOCTYPE (which names a URL), and its
     * caption; a chart that could not be drawn is named in its place, with the error.
     */
    static void inlineSvg(StringBuilder b, Path svg, String name, List<OutputFailure> failures) throws IOException {
        inlineSvg(b, svg, name, failures, CAPTIONS.getOrDefault(name, ""));
    }

    /** The same, with the caption given (charts named after a figure, such as the box plots). */
    static void inlineSvg(StringBuilder b, Path svg, String name, List<OutputFailure> failures, String caption) throws IOException {
        b.append("<figure id=\"chart-").append(esc(name)).append("\">\n");
        if (Files.exists(svg)) {
            String text = Files.readString(svg, StandardCharsets.UTF_8);
            int start = text.indexOf("<svg");
            // Ids must be unique in the page: every chart has its own clip1, clip2...
            b.append(text.substring(start).trim().replaceAll("\\bclip(\\d+)", name + "-clip$1"));
        } else {
            String why = failures.stream().filter(f -> f.isChart(name)).map(OutputFailure::reason).findFirst().orElse("it is missing");
            b.append("<p class=\"bad\">The ").append(esc(name)).append(" chart could not be drawn: ").append(esc(why)).append(".</p>");
        }
        b.append("\n<figcaption><b>").append(esc(name)).append(".</b> ").append(esc(caption))
                .append("</figcaption>\n</figure>\n");
    }

    /** The directory {@code compare} writes a strategy's run into: its name, or a class's simple name. */
    public static String strategyDirectory(String strategy) {
        return strategy.contains(".") ? strategy.substring(strategy.lastIndexOf('.') + 1) : strategy;
    }

    /** A strategy's name, linked to its own report (a relative link: the pages move together). */
    private static String reportLink(String strategy) {
        return "<a href=\"" + esc(strategyDirectory(strategy)) + "/report.html\">" + esc(strategy) + "</a>";
    }

    /** Text made safe for HTML, for sections other modules add. */
    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
