package io.kgsim.scenario;

import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where each node came from. Jackson's own
 * {@code JsonNode} forgets locations, and every scenario error must name its line and column.
 */
public sealed interface YamlNode {
    Location location();

    /** What the node is, in the words an error message uses. */
    String kind();

    record Scalar(Location location, String text, boolean isNull) implements YamlNode {
        @Override
        public String kind() {
            return isNull ? "an empty value" : "the value '" + text + "'";
        }
    }

    record Sequence(Location location, List<YamlNode> items) implements YamlNode {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** Entries keep file order; {@code keys} holds where each key was written. */
    record Mapping(Location location, Map<String, YamlNode> entries, Map<String, Location> keys) implements YamlNode {
        @Override
        public String kind() {
            return "a mapping";
        }
    }
}
