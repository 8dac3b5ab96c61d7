package io.kgsim.scenario;

import io.kgsim.engine.Durations;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, located access to one YAML mapping. Each getter names the key and the expectation in
 * its error, and {@link #rejectUnknown()} turns every key nobody asked for into an error that
 * suggests the nearest known key (the typo {@code sesion.timeout.ms} is the common case).
 * Every key it reads is looked up in {@link ScenarioKeys}, whose defaults and ranges the getters
 * without explicit ones apply, so the loader cannot read a key the reference does not document.
 */
final class MappingReader {
    private final YamlNode.Mapping node;
    private final String what;
    private final String parent;
    private final Set<String> asked;
    private final Set<String> known = new LinkedHashSet<>();

    /**
     * @param parent the table path of this mapping's keys ({@code ""}, {@code groups[]}...), see {@link ScenarioKeys}
     * @param asked  collects the path of every key asked for, so a test can check the table against the loader
     */
    MappingReader(YamlNode node, String what, String parent, Set<String> asked) throws ScenarioException {
        if (!(node instanceof YamlNode.Mapping m)) {
            throw new ScenarioException(node.location(), what + " must be a mapping (key: value lines), found " + node.kind());
        }
        this.node = m;
        this.what = what;
        this.parent = parent;
        this.asked = asked;
    }

    /** The table's entry for {@code key}: every key read goes through here, so none escapes the table. */
    ScenarioKey key(String key) {
        ScenarioKey k = ScenarioKeys.get(parent.isEmpty() ? key : parent + "." + key);
        known.add(key);
        asked.add(k.path());
        return k;
    }

    /** A reader of the mapping under {@code key} (a section such as {@code cluster}, or a list item's keys). */
    MappingReader section(String key, String what) throws ScenarioException {
        return new MappingReader(get(key), what, key(key).childParent(), asked);
    }

    Location location() {
        return node.location();
    }

    Location keyLocation(String key) {
        Location l = node.keys().get(key);
        return l == null ? node.location() : l;
    }

    Map<String, YamlNode> entries() {
        return node.entries();
    }

    boolean has(String key) {
        key(key);
        YamlNode n = node.entries().get(key);
        return n != null && !(n instanceof YamlNode.Scalar s && s.isNull());
    }

    YamlNode get(String key) {
        key(key);
        return node.entries().get(key);
    }

    YamlNode required(String key, String expectation) throws ScenarioException {
        key(key);
        YamlNode n = node.entries().get(key);
        if (n == null || (n instanceof YamlNode.Scalar s && s.isNull())) {
            throw new ScenarioException(n == null ? node.location() : n.location(), what + " needs '" + key + "': " + expectation);
        }
        return n;
    }

    String string(String key, String fallback) throws ScenarioException {
        return has(key) ? scalar(get(key), key) : fallback;
    }

    String requiredString(String key, String expectation) throws ScenarioException {
        return scalar(required(key, expectation), key);
    }

    /** An integer with the table's default and range. */
    int integer(String key) throws ScenarioException {
        return integer(key, Integer.parseInt(key(key).defaultText()));
    }

    /** An integer with the table's range and a default that depends on other keys. */
    int integer(String key, int fallback) throws ScenarioException {
        ScenarioKey k = key(key);
        if (!has(key)) {
            return fallback;
        }
        return toInt(get(key), key, (int) (long) k.min(), (int) (long) k.max());
    }

    /** A required integer in the table's range, or below {@code maxExclusive} when the table says it depends on the scenario. */
    int requiredInt(String key, String expectation, long maxExclusive) throws ScenarioException {
        ScenarioKey k = key(key);
        long max = Math.min(k.max() == null ? Integer.MAX_VALUE : k.max(), maxExclusive - 1);
        return toInt(required(key, expectation), key, (int) (long) k.min(), (int) max);
    }

    long longValue(String key) throws ScenarioException {
        if (!has(key)) {
            return Long.parseLong(key(key).defaultText());
        }
        YamlNode n = get(key);
        String t = scalar(n, key);
        try {
            return Long.parseLong(t.trim());
        } catch (NumberFormatException e) {
            throw new ScenarioException(n.location(), "'" + key + "' expects a whole number, found '" + t + "'");
        }
    }

    boolean bool(String key) throws ScenarioException {
        if (!has(key)) {
            return Boolean.parseBoolean(key(key).defaultText());
        }
        YamlNode n = get(key);
        String t = scalar(n, key).trim();
        if (t.equalsIgnoreCase("true")) {
            return true;
        }
        if (t.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ScenarioException(n.location(), "'" + key + "' expects true or false, found '" + t + "'");
    }

    /** A duration in microseconds, with the table's default and minimum. */
    long duration(String key) throws ScenarioException {
        ScenarioKey k = key(key);
        if (!has(key)) {
            return Values.duration(k.defaultText());
        }
        return durationOf(get(key), key, k.min());
    }

    /** A required duration in microseconds, at least the table's minimum. */
    long requiredDuration(String key, String expectation) throws ScenarioException {
        return durationOf(required(key, expectation), key, key(key).min());
    }

    List<YamlNode> list(String key) throws ScenarioException {
        if (!has(key)) {
            return List.of();
        }
        YamlNode n = get(key);
        if (!(n instanceof YamlNode.Sequence s)) {
            throw new ScenarioException(n.location(), "'" + key + "' expects a list, found " + n.kind());
        }
        return s.items();
    }

    List<String> stringList(String key) throws ScenarioException {
        List<String> out = new ArrayList<>();
        for (YamlNode item : list(key)) {
            out.add(scalar(item, key));
        }
        return out;
    }

    void rejectUnknown() throws ScenarioException {
        for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
            if (!known.contains(e.getKey())) {
                throw new ScenarioException(keyLocation(e.getKey()), "unknown key '" + e.getKey() + "' in " + what
                        + Suggestions.didYouMean(e.getKey(), known) + " (known keys: " + String.join(", ", known) + ")");
            }
        }
    }

    static String scalar(YamlNode n, String key) throws ScenarioException {
        if (n instanceof YamlNode.Scalar s && !s.isNull()) {
            return s.text();
        }
        throw new ScenarioException(n.location(), "'" + key + "' expects a single value, found " + n.kind());
    }

    static int toInt(YamlNode n, String key, int min, int max) throws ScenarioException {
        String t = scalar(n, key).trim();
        int v;
        try {
            v = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new ScenarioException(n.location(), "'" + key + "' expects a whole number, found '" + t + "'");
        }
        if (v < min || v > max) {
            throw new ScenarioException(n.location(), "'" + key + "' must be between " + min + " and " + max + ", found " + v);
        }
        return v;
    }

    static long durationOf(YamlNode n, String key, long minUs) throws ScenarioException {
        String t = scalar(n, key);
        long us;
        try {
            us = Values.duration(t);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(n.location(), "'" + key + "' " + e.getMessage());
        }
        if (us < minUs) {
            throw new ScenarioException(n.location(), "'" + key + "' must be at least " + Durations.millisText(minUs) + "ms, found '" + t + "'");
        }
        return us;
    }
}
