package io.kgsim.sweep;

import io.kgsim.scenario.Location;
import io.kgsim.scenario.Values;
import java.math.BigDecimal;
import java.util.List;

/**
 * One varied parameter of a sweep: the scenario value at {@code path} takes each of
 * {@code values} in turn.
 *
 * @param path the parameter as the sweep file names it, e.g.
 *        {@code groups[billing].config.session.timeout.ms}; it heads its column in every output
 * @param values the values, as text the scenario format reads (a range is expanded here)
 * @param numeric each value as a number for a chart's axis (durations in ms), or null when a
 *        value is not a number (a strategy, a distribution): then charts treat values as categories
 * @param location where the sweep file names the parameter
 */
public record Axis(String path, List<String> values, double[] numeric, Location location) {
    public Axis {
        values = List.copyOf(values);
        numeric = numeric == null ? null : numeric.clone();
        if (numeric != null && numeric.length != values.size()) {
            throw new IllegalArgumentException("one number per value expected");
        }
    }

    /** The values as numbers, or null when they are categories. */
    @Override
    public double[] numeric() {
        return numeric == null ? null : numeric.clone();
    }

    public boolean isNumeric() {
        return numeric != null;
    }

    /**
     * The unit {@link #numeric()} gives values written with one: {@code ms} for durations
     * ({@code 30s}), {@code per s} for rates ({@code 500/s}); empty for plain numbers (a Kafka
     * config's own unit is in its name) and for categories.
     */
    public String unit() {
        if (!isNumeric()) {
            return "";
        }
        if (values.stream().anyMatch(v -> v.trim().matches(Values.DURATION_REGEX))) {
            return "ms";
        }
        return values.stream().anyMatch(v -> v.trim().matches(Values.RATE_REGEX)) ? "per s" : "";
    }

    /** Value {@code i} as a plain number in {@link #unit()} ({@code 30s} is {@code 30000}); null for a category. */
    public String numberText(int i) {
        if (!isNumeric()) {
            return null;
        }
        double d = numeric[i];
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
