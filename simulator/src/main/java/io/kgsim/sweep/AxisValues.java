package io.kgsim.sweep;

import io.kgsim.scenario.Location;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.Suggestions;
import io.kgsim.scenario.Values;
import io.kgsim.scenario.YamlNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of one varied parameter: a list as written ({@code [10s, 30s, 45s]}), or a range
 * {@code {from, to, step}} (both ends included) of whole numbers, decimals, durations or rates,
 * expanded here into the texts the scenario format reads, each located where the sweep file
 * writes it (a range's values where the range is written).
 */
final class AxisValues {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern DURATION = Pattern.compile(Values.DURATION_REGEX);
    private static final Pattern RATE = Pattern.compile(Values.RATE_REGEX);
    /** Duration units, largest first, in microseconds: a range's values are written in the largest that divides them all. */
    private static final List<Map.Entry<String, Long>> UNITS = List.of(Map.entry("h", 3_600_000_000L), Map.entry("m", 60_000_000L),
            Map.entry("s", 1_000_000L), Map.entry("ms", 1_000L), Map.entry("us", 1L));

    private AxisValues() {
    }

    /**
     * @param most how many values are worth expanding: a range past it is refused before it is built
     */
    static List<YamlNode.Scalar> expand(SweepFile.Vary vary, long most) throws ScenarioException {
        YamlNode n = vary.values();
        if (n instanceof YamlNode.Sequence seq) {
            return list(vary, seq);
        }
        if (n instanceof YamlNode.Mapping m) {
            return range(vary, m, most);
        }
        throw new ScenarioException(n.location(), "vary '" + vary.path() + "' expects a list of values such as [10s, 30s] or a range "
                + "such as {from: 100, to: 500, step: 100}, found " + n.kind());
    }

    private static List<YamlNode.Scalar> list(SweepFile.Vary vary, YamlNode.Sequence seq) throws ScenarioException {
        if (seq.items().isEmpty()) {
            throw new ScenarioException(seq.location(), "vary '" + vary.path() + "' has an empty list of values: give at least one");
        }
        List<YamlNode.Scalar> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (YamlNode item : seq.items()) {
            if (!(item instanceof YamlNode.Scalar s) || s.isNull()) {
                throw new ScenarioException(item.location(), "vary '" + vary.path() + "' expects single values in its list, found " + item.kind());
            }
            if (s.text().chars().filter(c -> c == '(').count() != s.text().chars().filter(c -> c == ')').count()) {
                // In [a, b] YAML splits lognormal(2ms, 0.5) at its comma.
                throw new ScenarioException(item.location(), "vary '" + vary.path() + "': '" + s.text() + "' is cut at a comma: in a "
                        + "[...] list, quote a value that holds one (\"lognormal(2ms, 0.5)\") or write the list one '- value' per line");
            }
            if (!seen.add(s.text().trim())) {
                throw new ScenarioException(item.location(), "vary '" + vary.path() + "' lists '" + s.text() + "' twice");
            }
            out.add(new YamlNode.Scalar(s.location(), s.text().trim(), false));
        }
        return out;
    }

    /** The grammar of a range's three values, tried in this order. */
    private enum Kind { INTEGER, DECIMAL, DURATION, RATE }

    private static List<YamlNode.Scalar> range(SweepFile.Vary vary, YamlNode.Mapping m, long most) throws ScenarioException {
        String path = vary.path();
        for (Map.Entry<String, Location> k : m.keys().entrySet()) {
            if (!List.of("from", "to", "step").contains(k.getKey())) {
                throw new ScenarioException(k.getValue(), "vary '" + path + "': unknown key '" + k.getKey() + "' in a range"
                        + Suggestions.didYouMean(k.getKey(), List.of("from", "to", "step")) + " (a range is {from, to, step})");
            }
        }
        YamlNode.Scalar[] b = {bound(path, m, "from"), bound(path, m, "to"), bound(path, m, "step")};
        Range r = new Range(path, b[0], b[1], b[2], kind(path, m, b));
        BigInteger count = r.count();
        if (count.compareTo(BigInteger.valueOf(most)) > 0) {
            throw new ScenarioException(m.location(), "vary '" + path + "': the range has " + count + " values, more than a sweep of at most "
                    + most + " runs can take; widen the step");
        }
        List<YamlNode.Scalar> out = new ArrayList<>();
        for (int i = 0; i < count.intValue(); i++) {
            out.add(new YamlNode.Scalar(m.location(), r.text(r.a.add(r.d.multiply(BigDecimal.valueOf(i)))), false));
        }
        return out;
    }

    /** A range's three values as numbers of one kind, and the unit its values are written in. */
    private static final class Range {
        private final String path;
        private final YamlNode.Scalar from;
        private final YamlNode.Scalar to;
        private final YamlNode.Scalar step;
        private final Kind kind;
        private final BigDecimal a;
        private final BigDecimal b;
        private final BigDecimal d;
        private final String unit;

        Range(String path, YamlNode.Scalar from, YamlNode.Scalar to, YamlNode.Scalar step, Kind kind) throws ScenarioException {
            this.path = path;
            this.from = from;
            this.to = to;
            this.step = step;
            this.kind = kind;
            this.a = number(kind, from.text());
            this.b = number(kind, to.text());
            this.d = number(kind, step.text());
            this.unit = kind == Kind.DURATION ? durationUnit(a.longValueExact(), d.longValueExact()) : rateUnit(kind, from, to, step);
        }

        /** How many values: refused when the step is not above 0, the range is empty or the steps miss {@code to}. */
        BigInteger count() throws ScenarioException {
            if (d.signum() <= 0) {
                throw new ScenarioException(step.location(), "vary '" + path + "': the step must be above 0, found '" + step.text() + "'");
            }
            if (a.compareTo(b) > 0) {
                throw new ScenarioException(to.location(), "vary '" + path + "': the range from " + from.text() + " to " + to.text()
                        + " is empty ('from' is above 'to')");
            }
            BigDecimal[] qr = b.subtract(a).divideAndRemainder(d);
            if (qr[1].signum() != 0) {
                BigDecimal last = a.add(d.multiply(qr[0]));
                throw new ScenarioException(to.location(), "vary '" + path + "': steps of " + step.text() + " from " + from.text()
                        + " do not reach " + to.text() + " exactly (they stop at " + text(last) + "): make 'to' " + text(last) + " or "
                        + text(last.add(d)) + ", or change the step");
            }
            return qr[0].toBigIntegerExact().add(BigInteger.ONE);
        }

        /** A value as the scenario format writes it. */
        String text(BigDecimal v) {
            return switch (kind) {
                case INTEGER, DECIMAL -> v.toPlainString();
                case DURATION -> v.longValueExact() / unitMicros(unit) + unit;
                case RATE -> v.toPlainString() + "/" + unit;
            };
        }
    }

    private static YamlNode.Scalar bound(String path, YamlNode.Mapping m, String key) throws ScenarioException {
        YamlNode n = m.entries().get(key);
        if (n == null || (n instanceof YamlNode.Scalar s && s.isNull())) {
            throw new ScenarioException(n == null ? m.location() : n.location(), "vary '" + path + "': a range needs 'from', 'to' and 'step', "
                    + "'" + key + "' is missing");
        }
        if (!(n instanceof YamlNode.Scalar s)) {
            throw new ScenarioException(n.location(), "vary '" + path + "': '" + key + "' expects a single value, found " + n.kind());
        }
        return new YamlNode.Scalar(s.location(), s.text().trim().toLowerCase(Locale.ROOT), false);
    }

    private static Kind kind(String path, YamlNode.Mapping m, YamlNode.Scalar... bounds) throws ScenarioException {
        for (Kind k : Kind.values()) {
            Pattern p = switch (k) {
                case INTEGER -> Pattern.compile("-?\\d+");
                case DECIMAL -> NUMBER;
                case DURATION -> DURATION;
                case RATE -> RATE;
            };
            boolean all = true;
            for (YamlNode.Scalar b : bounds) {
                all &= p.matcher(b.text()).matches();
            }
            if (all) {
                return k;
            }
        }
        throw new ScenarioException(m.location(), "vary '" + path + "': a range's 'from', 'to' and 'step' are all numbers (100, 0.5), all "
                + "durations (10s, 250ms) or all rates (1000/s), found " + bounds[0].text() + ", " + bounds[1].text() + ", " + bounds[2].text());
    }

    /** A rate's unit ({@code s} of {@code /s}), the same for the three; null for other kinds. */
    private static String rateUnit(Kind kind, YamlNode.Scalar... bounds) throws ScenarioException {
        if (kind != Kind.RATE) {
            return null;
        }
        String unit = null;
        for (YamlNode.Scalar b : bounds) {
            Matcher r = RATE.matcher(b.text());
            r.matches();
            if (unit != null && !unit.equals(r.group(2))) {
                throw new ScenarioException(b.location(), "a range of rates takes one unit for 'from', 'to' and 'step' (e.g. all per second: "
                        + "1000/s), found '" + b.text() + "'");
            }
            unit = r.group(2);
        }
        return unit;
    }

    /** The value as a number: durations in microseconds, rates in their own unit. */
    private static BigDecimal number(Kind kind, String text) {
        return switch (kind) {
            case INTEGER, DECIMAL -> new BigDecimal(text);
            case DURATION -> BigDecimal.valueOf(Values.duration(text));
            case RATE -> {
                Matcher r = RATE.matcher(text);
                r.matches();
                yield new BigDecimal(r.group(1));
            }
        };
    }

    /** The largest unit in which {@code from} and {@code step}, and so every value, are whole: 30s, 60s, 90s rather than 30s, 1m, 90s. */
    private static String durationUnit(long fromUs, long stepUs) {
        for (Map.Entry<String, Long> u : UNITS) {
            if (fromUs % u.getValue() == 0 && stepUs % u.getValue() == 0) {
                return u.getKey();
            }
        }
        throw new IllegalStateException("us divides every duration");
    }

    private static long unitMicros(String unit) {
        for (Map.Entry<String, Long> u : UNITS) {
            if (u.getKey().equals(unit)) {
                return u.getValue();
            }
        }
        throw new IllegalArgumentException(unit);
    }

    /**
     * The values as numbers for a chart's axis: plain numbers as they are, durations in
     * milliseconds, rates per second; null when one of them is none of these (a distribution, a
     * member name, a mix), so that charts treat the values as categories.
     */
    static double[] numeric(List<String> values) {
        for (Pattern p : List.of(NUMBER, DURATION, RATE)) {
            double[] out = new double[values.size()];
            boolean all = true;
            for (int i = 0; i < out.length && all; i++) {
                String t = values.get(i).trim().toLowerCase(Locale.ROOT);
                all = p.matcher(t).matches();
                if (all) {
                    out[i] = p == NUMBER ? Double.parseDouble(t) : p == DURATION ? Values.duration(t) / 1000.0 : Values.ratePerSecond(t);
                }
            }
            if (all) {
                return out;
            }
        }
        return null;
    }
}
