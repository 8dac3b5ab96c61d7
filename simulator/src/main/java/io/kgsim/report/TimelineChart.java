package io.kgsim.report;

import io.kgsim.engine.Durations;
import io.kgsim.metrics.MemberTimeline;
import io.kgsim.sim.GroupResult;
import io.kgsim.sim.RunResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The rebalance timeline: members on the y axis (the first at the top), virtual time on x, one
 * bar per member coloured by what it was doing: stable and fetching, revoking, joining or
 * syncing, paused, stopped. Members are named on the axis, as many as fit without overlapping
 * (every member up to about 25, then every 2nd, 5th, 10th... member).
 */
final class TimelineChart {
    /** Above this many member-state intervals the rebalance timeline is drawn per pixel column. */
    static final int MAX_EXACT_INTERVALS = 20_000;
    /** Bounds the drawn rebalance timeline: rows times columns. */
    static final int MAX_TIMELINE_SEGMENTS = 100_000;
    /** Pixels between two member labels at least (a 10 pt label is about 10 px high). */
    private static final int LABEL_SPACING_PX = 20;

    private static final Map<MemberTimeline.State, Color> STATE_COLORS = new EnumMap<>(Map.of(
            MemberTimeline.State.STABLE, new Color(60, 160, 90),
            MemberTimeline.State.REVOKING, new Color(230, 140, 30),
            MemberTimeline.State.JOINING, new Color(70, 110, 220),
            MemberTimeline.State.PAUSED, new Color(150, 80, 190),
            MemberTimeline.State.STOPPED, new Color(190, 190, 190)));

    private TimelineChart() {
    }

    static XYChart of(RunResult r) {
        boolean many = r.groups().size() > 1;
        return of(rows(r, many), many, r.memberStates(), r.virtualDurationUs(), r.timeline());
    }

    /**
     * @param rows     the member rows, top to bottom ("group/member" when {@code many})
     * @param marks    timeline actions, drawn as red lines
     */
    static XYChart of(List<String> rows, boolean many, List<MemberTimeline.Interval> intervals, long durationUs, List<RunResult.Mark> marks) {
        Map<String, Integer> rowOf = new HashMap<>();
        for (int k = 0; k < rows.size(); k++) {
            rowOf.put(rows.get(k), k);
        }
        XYChart c = ChartStyle.timeChart("Rebalance timeline", many ? "group/member" : "member", durationUs / 1e6, ChartStyle.COUNT);
        if (intervals.size() > MAX_EXACT_INTERVALS) {
            // A thousand members through a thousand rebalances are millions of segments, far more
            // than the plot has pixels: draw one column per pixel instead, each showing the most
            // disruptive state the member was in during it (as overdrawn segments would).
            // One column per pixel, fewer when the rows are too many to draw apart anyway.
            int columns = Math.max(100, Math.min(ChartStyle.WIDTH, MAX_TIMELINE_SEGMENTS / Math.max(1, rows.size())));
            intervals = TimelineColumns.of(intervals, many, rowOf, rows.size(), durationUs, columns);
            c.setTitle("Rebalance timeline (one column per " + Durations.format(Math.max(1, durationUs / columns)) + ")");
        }
        addStateBars(c, intervals, rowOf, many, rows.size());
        for (RunResult.Mark m : marks) {
            c.addAnnotation(new AnnotationLine(m.timeUs() / 1e6, true, false));
        }
        if (!rows.isEmpty()) {
            nameMembers(c, rows);
        }
        return c;
    }

    /**
     * One series per state: each interval a bar on its member's row. Row k (from the top) is
     * drawn at y = -k, so the ticks XChart puts at multiples of its step start at the first
     * member: c1, c3, c5... or c1, c51, c101...
     */
    private static void addStateBars(XYChart c, List<MemberTimeline.Interval> intervals, Map<String, Integer> rowOf, boolean many, int n) {
        float width = (float) Math.max(2, Math.min(14, 300.0 / Math.max(1, n)));
        for (MemberTimeline.State state : MemberTimeline.State.values()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (MemberTimeline.Interval i : intervals) {
                if (i.state() != state) {
                    continue;
                }
                double plotted = -rowOf.get(many ? i.group() + "/" + i.member() : i.member());
                x.add(i.startUs() / 1e6);
                y.add(plotted);
                x.add(i.endUs() / 1e6);
                y.add(plotted);
                x.add(i.endUs() / 1e6);
                y.add(Double.NaN);
            }
            if (x.isEmpty()) {
                continue;
            }
            XYSeries s = c.addSeries(state.name().toLowerCase(Locale.ROOT), x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(STATE_COLORS.get(state));
            s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        }
        if (c.getSeriesMap().isEmpty()) {
            ChartStyle.line(c, "no member", List.of(0.0), List.of(0.0));
        }
    }

    /** Member names as the y axis's tick labels; the axis spans half a row beyond the first and last. */
    private static void nameMembers(XYChart c, List<String> rows) {
        int n = rows.size();
        c.getStyler().setYAxisMin(-(n - 1) - 0.5);
        c.getStyler().setYAxisMax(0.5);
        c.getStyler().setYAxisTickMarkSpacingHint(LABEL_SPACING_PX);
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        c.getStyler().setPlotGridHorizontalLinesVisible(false);
        c.getStyler().setyAxisTickLabelsFormattingFunction(memberLabels(rows, 0.5));
    }

    /** Member rows in group order, then by member number (c2 before c10). */
    static List<String> rows(RunResult r, boolean many) {
        Map<String, Integer> groupOrder = new HashMap<>();
        for (GroupResult g : r.groups()) {
            groupOrder.putIfAbsent(g.group(), groupOrder.size());
        }
        Map<String, MemberTimeline.Interval> seen = new HashMap<>();
        List<MemberTimeline.Interval> firsts = new ArrayList<>();
        for (MemberTimeline.Interval i : r.memberStates()) {
            if (seen.putIfAbsent(i.group() + "/" + i.member(), i) == null) {
                firsts.add(i);
            }
        }
        firsts.sort(Comparator.comparingInt((MemberTimeline.Interval i) -> groupOrder.getOrDefault(i.group(), Integer.MAX_VALUE))
                .thenComparing(MemberTimeline.Interval::group)
                .thenComparingInt(i -> i.member().length())
                .thenComparing(MemberTimeline.Interval::member));
        List<String> rows = new ArrayList<>();
        for (MemberTimeline.Interval i : firsts) {
            rows.add(many ? i.group() + "/" + i.member() : i.member());
        }
        return rows;
    }

    /**
     * Names the member rows on the y axis. XChart picks the tick step (1, 2, 5, 10... rows) and
     * widens it while two labels are equal or the labels would not fit the spacing hint. So:
     * a row's tick is its member's name; a tick between rows is a blank shared by all of them,
     * which makes a fractional step fail and XChart try a wider one; ticks beyond the rows
     * (XChart computes one below and up to two above) get distinct blanks, so an integer step
     * is accepted; the axis maximum gets its own blank, as XChart gives up on an axis whose
     * two ends read the same.
     */
    static Function<Double, String> memberLabels(List<String> rows, double axisMax) {
        int n = rows.size();
        return v -> {
            if (v == Math.rint(v)) {
                long k = -(long) (double) v;
                if (k >= 0 && k < n) {
                    return rows.get((int) k);
                }
                // Up to two ticks above the first row, at y = step and 2 * step (1, 2, 5, 10...:
                // never a multiple of 7), so their values modulo 7 differ and so do their blanks;
                // one tick below the last row.
                return k >= n ? "\u2009" : "\u2009".repeat(2 + (int) Math.floorMod(-k, 7L));
            }
            return v == axisMax ? "\u200a" : " ";
        };
    }
}
