package io.kgsim.report;

import io.kgsim.sweep.Axis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Positions in a sweep's grid, as the charts need them: a choice of one value per axis (an index
 * into each axis' values, -1 where the axis is left free) and the point that choice names. The
 * grid lists points first axis slowest, so a point's index is the choice read as a mixed-radix
 * number.
 */
final class SweepGrid {
    private SweepGrid() {
    }

    /** The index of the point with value {@code choice[k]} on axis k (every entry set). */
    static int point(List<Axis> axes, int[] choice) {
        int p = 0;
        for (int k = 0; k < axes.size(); k++) {
            p = p * axes.get(k).values().size() + choice[k];
        }
        return p;
    }

    /**
     * Every combination of the values of the axes in {@code fixed}, in grid order (the first of
     * them slowest), each as a choice with -1 on the other axes. One choice, all -1, when
     * {@code fixed} is empty.
     */
    static List<int[]> combinations(List<Axis> axes, List<Integer> fixed) {
        int[] start = new int[axes.size()];
        Arrays.fill(start, -1);
        List<int[]> combos = new ArrayList<>();
        combos.add(start);
        for (int k : fixed) {
            List<int[]> next = new ArrayList<>();
            for (int[] c : combos) {
                for (int v = 0; v < axes.get(k).values().size(); v++) {
                    int[] longer = c.clone();
                    longer[k] = v;
                    next.add(longer);
                }
            }
            combos = next;
        }
        return combos;
    }

    /** The axes other than {@code excluded}, in the sweep's order. */
    static List<Integer> others(List<Axis> axes, int... excluded) {
        List<Integer> rest = new ArrayList<>();
        for (int k = 0; k < axes.size(); k++) {
            final int axis = k;
            if (Arrays.stream(excluded).noneMatch(e -> e == axis)) {
                rest.add(k);
            }
        }
        return rest;
    }

    /** The values a choice fixes, as {@code path = value, ...}; "" when it fixes none. */
    static String describe(List<Axis> axes, int[] choice) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < axes.size(); k++) {
            if (choice[k] >= 0) {
                b.append(b.length() == 0 ? "" : ", ").append(axes.get(k).path()).append(" = ").append(axes.get(k).values().get(choice[k]));
            }
        }
        return b.toString();
    }
}
