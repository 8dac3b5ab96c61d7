package io.kgsim.sweep;

import java.util.List;

/**
 * One cell of a sweep's grid: a value for each varied parameter, in the order of
 * {@link SweepPlan#axes()}, as the text the scenario is given (e.g. {@code 30s}, {@code 500}).
 *
 * @param index the point's position in the grid, first axis slowest
 */
public record SweepPoint(int index, List<String> values) {
    public SweepPoint {
        values = List.copyOf(values);
    }
}
