package io.kgsim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, located access to one YAML mapping. Each getter names the key and the expectation in
 * its error, and {@link #rejectUnknown()} turns every key nobody asked for into an error that
 * suggests the nearest known key (the typo {@code sesion.timeout.ms} is the common case).
 */
final class MappingReader {
    private final YamlNode.Mapping node;
    private final String what;
    private final Set<String> known = new LinkedHashSet<>();

    MappingReader(YamlNode node, String what) throws ScenarioException {
        if (!(node instanceof YamlNode.Mapping m)) {
            throw new ScenarioException(node.location(), what + " must be a mapping (key: value lines), found " + node.kind());
        }
        this.node = m;
        this.what = what;
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
        known.add(key);
        YamlNode n = node.entries().get(key);
        return n != null && !(n instanceof YamlNode.Scalar s && s.isNull());
    }

    YamlNode get(String key) {
        known.add(key);
        return node.entries().get(key);
    }

    YamlNode required(String key, String expectation) throws ScenarioException {
        known.add(key);
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

    int integer(String key, int fallback, int min, int max) throws ScenarioException {
        if (!has(key)) {
            return fallback;
        }
        return toInt(get(key), key, min, max);
    }

    long longValue(String key, long fallback) throws ScenarioException {
        if (!has(key)) {
            return fallback;
        }
        YamlNode n = get(key);
        String t = scalar(n, key);
        try {
            return Long.parseLong(t.trim());
        } catch (NumberFormatException e) {
            throw new ScenarioException(n.location(), "'" + key + "' expects a whole number, found '" + t + "'");
        }
    }

    boolean bool(String key, boolean fallback) throws ScenarioException {
        if (!has(key)) {
            return fallback;
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

    /** A duration in microseconds; {@code minUs} is the smallest accepted. */
    long duration(String key, long fallback, long minUs) throws ScenarioException {
        if (!has(key)) {
            return fallback;
        }
        return durationOf(get(key), key, minUs);
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
            throw new ScenarioException(n.location(), "'" + key + "' must be at least " + io.kgsim.engine.Durations.millisText(minUs) + "ms, found '" + t + "'");
        }
        return us;
    }
}
