package io.kgsim.sweep;

import io.kgsim.scenario.Location;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.Suggestions;
import io.kgsim.scenario.YamlNode;
import io.kgsim.scenario.YamlReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sweep file as written, each value still a located YAML node: what {@link SweepLoader} checks
 * and expands. Reading it only checks the file's own shape (known keys, the kind of each value);
 * what the values mean is checked against the scenario later.
 *
 * @param name the {@code name} value, or null (the file's name then names the sweep)
 * @param scenario the {@code scenario} value: the scenario file, relative to the sweep file
 * @param strategies the {@code strategies} entries, or null when the file has none
 * @param seeds the {@code seeds} value (a scalar, or a list of seeds), or null
 * @param metric the {@code metric} value, or null
 * @param vary the parameters to vary, in file order (the first varies slowest)
 */
record SweepFile(String file, YamlNode.Scalar name, YamlNode.Scalar scenario, List<YamlNode.Scalar> strategies, YamlNode seeds,
                 YamlNode.Scalar metric, List<Vary> vary) {

    /** The keys a sweep file may hold, in the order the documentation lists them. */
    static final List<String> KEYS = List.of("name", "scenario", "strategies", "seeds", "metric", "vary");

    /** One entry of {@code vary}: a path into the scenario, where it is written, and its values (a list or a range). */
    record Vary(String path, Location at, YamlNode values) {
    }

    static SweepFile read(String file, String text) throws ScenarioException {
        if (text.isBlank()) {
            throw new ScenarioException(new Location(file, 1, 1), "the sweep file is empty; a sweep is a YAML mapping with at least "
                    + "'scenario' (the scenario file to vary) and 'vary' (path: [values])");
        }
        YamlNode root = YamlReader.read(file, new StringReader(text));
        if (!(root instanceof YamlNode.Mapping m)) {
            throw new ScenarioException(root.location(), "a sweep file is a YAML mapping (key: value lines), found " + root.kind());
        }
        for (Map.Entry<String, Location> k : m.keys().entrySet()) {
            if (!KEYS.contains(k.getKey())) {
                throw new ScenarioException(k.getValue(), "unknown key '" + k.getKey() + "' in the sweep file"
                        + Suggestions.didYouMean(k.getKey(), KEYS) + " (known keys: " + String.join(", ", KEYS) + ")");
            }
        }
        YamlNode.Scalar scenario = scalar(m, "scenario");
        if (scenario == null) {
            throw new ScenarioException(m.location(), "the sweep file needs 'scenario': the scenario file to vary, relative to the sweep "
                    + "file (e.g. scenario: ../crash.yaml)");
        }
        return new SweepFile(file, scalar(m, "name"), scenario, strategies(m), present(m, "seeds"), scalar(m, "metric"), vary(m));
    }

    /** The value of {@code key}, or null when absent or empty. */
    private static YamlNode present(YamlNode.Mapping m, String key) {
        YamlNode n = m.entries().get(key);
        return n == null || (n instanceof YamlNode.Scalar s && s.isNull()) ? null : n;
    }

    private static YamlNode.Scalar scalar(YamlNode.Mapping m, String key) throws ScenarioException {
        YamlNode n = present(m, key);
        if (n == null) {
            return null;
        }
        if (n instanceof YamlNode.Scalar s) {
            return s;
        }
        throw new ScenarioException(n.location(), "'" + key + "' expects a single value, found " + n.kind());
    }

    /** {@code [a, b]} or {@code a,b}: each name with where it is written. */
    private static List<YamlNode.Scalar> strategies(YamlNode.Mapping m) throws ScenarioException {
        YamlNode n = present(m, "strategies");
        if (n == null) {
            return null;
        }
        List<YamlNode> items = n instanceof YamlNode.Sequence s ? s.items() : List.of(n);
        List<YamlNode.Scalar> out = new ArrayList<>();
        for (YamlNode item : items) {
            if (!(item instanceof YamlNode.Scalar s) || s.isNull()) {
                throw new ScenarioException(item.location(), "'strategies' expects strategy names, found " + item.kind());
            }
            for (String part : s.text().split(",")) {
                if (!part.isBlank()) {
                    out.add(new YamlNode.Scalar(s.location(), part.trim(), false));
                }
            }
        }
        if (out.isEmpty()) {
            throw new ScenarioException(n.location(), "'strategies' is empty: name at least one (e.g. [range, cooperative-sticky]), "
                    + "or leave the key out to run the scenario's own");
        }
        return out;
    }

    private static List<Vary> vary(YamlNode.Mapping m) throws ScenarioException {
        YamlNode n = present(m, "vary");
        if (n == null) {
            return List.of();
        }
        if (!(n instanceof YamlNode.Mapping v)) {
            throw new ScenarioException(n.location(), "'vary' expects a mapping of scenario paths to values "
                    + "(e.g. groups[billing].config.session.timeout.ms: [10s, 30s]), found " + n.kind());
        }
        List<Vary> out = new ArrayList<>();
        for (Map.Entry<String, YamlNode> e : v.entries().entrySet()) {
            out.add(new Vary(e.getKey(), v.keys().get(e.getKey()), e.getValue()));
        }
        return out;
    }
}
