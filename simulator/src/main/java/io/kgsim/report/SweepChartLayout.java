package io.kgsim.report;

import io.kgsim.sweep.Axis;
import io.kgsim.sweep.SweepPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which charts a sweep gets, decided from its plan alone (so the report can say what it drew and
 * what it left out before any chart renders):
 * <ul>
 * <li>against each axis with two values or more, a line chart, one series per strategy; with
 *     other axes, one such chart per combination of their values (small multiples), at most
 *     {@link #LINE_CHARTS_PER_AXIS} per axis, the first in grid order;
 * <li>with two axes or more, heat maps over the sweep's first two axes (first across, second up),
 *     one per strategy and, with more axes, per combination of the others' values, at most
 *     {@link #HEAT_MAPS} in all: whole combinations (every strategy), the first in grid order.
 * </ul>
 *
 * @param notes sentences for the report: what was chosen and what was left out
 */
record SweepChartLayout(List<Spec> lines, List<Spec> heatMaps, List<String> lineNotes, List<String> heatNotes) {
    /** A reader compares a dozen small charts; more is a wall no one reads (cells.csv has every point). */
    static final int LINE_CHARTS_PER_AXIS = 12;
    static final int HEAT_MAPS = 24;

    /**
     * One chart.
     *
     * @param name the file name without its extension
     * @param axis a line chart's x axis; -1 for a heat map
     * @param strategy a heat map's strategy; -1 for a line chart
     * @param choice the other axes' values the chart holds fixed (-1 on the axes it shows)
     */
    record Spec(String name, int axis, int strategy, int[] choice) {
        boolean isHeatMap() {
            return strategy >= 0;
        }
    }

    static SweepChartLayout of(SweepPlan plan) {
        List<Spec> lines = new ArrayList<>();
        List<String> lineNotes = new ArrayList<>();
        lines(plan.axes(), lines, lineNotes);
        List<Spec> heatMaps = new ArrayList<>();
        List<String> heatNotes = new ArrayList<>();
        heatMaps(plan, heatMaps, heatNotes);
        return new SweepChartLayout(List.copyOf(lines), List.copyOf(heatMaps), List.copyOf(lineNotes), List.copyOf(heatNotes));
    }

    private static void lines(List<Axis> axes, List<Spec> lines, List<String> notes) {
        if (axes.isEmpty()) {
            notes.add("Nothing was varied: the sweep has one point, and the table below is its result.");
        }
        for (int a = 0; a < axes.size(); a++) {
            if (axes.get(a).values().size() < 2) {
                notes.add(axes.get(a).path() + " takes one value only: no chart against it.");
                continue;
            }
            List<int[]> combos = SweepGrid.combinations(axes, SweepGrid.others(axes, a));
            int drawn = Math.min(combos.size(), LINE_CHARTS_PER_AXIS);
            for (int c = 0; c < drawn; c++) {
                String name = "sweep-line-" + (a + 1) + (combos.size() > 1 ? "-" + (c + 1) : "");
                lines.add(new Spec(name, a, -1, combos.get(c)));
            }
            if (drawn < combos.size()) {
                notes.add(String.format(Locale.ROOT, "Against %s: %d of the %,d combinations of the other values are drawn, the first in grid order; "
                        + "the other %,d are in the table and in cells.csv.", axes.get(a).path(), drawn, combos.size(), combos.size() - drawn));
            }
        }
    }

    private static void heatMaps(SweepPlan plan, List<Spec> heatMaps, List<String> notes) {
        List<Axis> axes = plan.axes();
        if (axes.size() < 2) {
            notes.add("A heat map needs two varied values; this sweep varies " + (axes.isEmpty() ? "none." : "one."));
            return;
        }
        int strategies = plan.strategies().size();
        List<Integer> rest = SweepGrid.others(axes, 0, 1);
        List<int[]> combos = SweepGrid.combinations(axes, rest);
        int drawn = Math.min(combos.size(), Math.max(1, HEAT_MAPS / strategies));
        List<String> tags = tags(plan.strategies());
        for (int c = 0; c < drawn; c++) {
            for (int s = 0; s < strategies; s++) {
                String name = "sweep-heat-" + tags.get(s) + (combos.size() > 1 ? "-" + (c + 1) : "");
                heatMaps.add(new Spec(name, -1, s, combos.get(c)));
            }
        }
        StringBuilder why = new StringBuilder("The heat maps show the mean over ").append(axes.get(0).path()).append(" (across) and ")
                .append(axes.get(1).path()).append(" (up), one per strategy");
        if (!rest.isEmpty()) {
            why.append(": the sweep's first two varied values; one map per strategy for each combination of ")
                    .append(String.join(", ", rest.stream().map(k -> axes.get(k).path()).toList()));
        }
        notes.add(why.append(". Every map uses one colour scale, so that colours compare across strategies.").toString());
        if (drawn < combos.size()) {
            notes.add(String.format(Locale.ROOT, "%d of the %,d combinations of the other values are drawn, the first in grid order; "
                    + "the other %,d are in the table and in cells.csv.", drawn, combos.size(), combos.size() - drawn));
        }
    }

    /** Each strategy as it can appear in a file name and an HTML id; a repeated one gets its position. */
    static List<String> tags(List<String> strategies) {
        List<String> tags = new ArrayList<>();
        Set<String> seen = new HashSet<>(); // looked up only
        for (int s = 0; s < strategies.size(); s++) {
            String tag = strategies.get(s).replaceAll("[^A-Za-z0-9-]", "-");
            tags.add(seen.add(tag) ? tag : tag + "-" + (s + 1));
        }
        return tags;
    }
}
