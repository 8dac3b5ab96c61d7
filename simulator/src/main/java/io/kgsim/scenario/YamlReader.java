package io.kgsim.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads YAML with Jackson's streaming parser into a {@link YamlNode} tree with locations. */
public final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlReader() {
    }

    public static YamlNode read(String fileName, Reader reader) throws ScenarioException {
        try (JsonParser p = FACTORY.createParser(reader)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ScenarioException(new Location(fileName, 1, 1), "the file is empty; a scenario is a YAML mapping with at least 'name', 'topics' and 'groups'");
            }
            YamlNode root = node(fileName, p);
            if (p.nextToken() != null) {
                throw new ScenarioException(loc(fileName, p.currentTokenLocation()), "a scenario file holds one YAML document, found more");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw syntaxError(fileName, e);
        } catch (IOException e) {
            throw new ScenarioException(new Location(fileName, 1, 1), "cannot read the file: " + e.getMessage());
        }
    }

    /**
     * A YAML syntax error at the place SnakeYAML found the problem. Jackson's own location is
     * the start of the last token it read, often a line earlier (a tab indenting line 5 was
     * reported at the end of line 4), so the scanner's problem mark is used when there is one.
     */
    static ScenarioException syntaxError(String fileName, JsonProcessingException e) {
        MarkedYAMLException marked = null;
        for (Throwable t = e; t != null && marked == null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                marked = m;
            }
        }
        if (marked == null) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage().replace('\n', ' ').replaceAll("\\s+", " ").trim();
            return new ScenarioException(l == null ? new Location(fileName, 1, 1) : loc(fileName, l), "not valid YAML: " + msg);
        }
        Mark at = marked.getProblemMark();
        Location where = new Location(fileName, at.getLine() + 1, at.getColumn() + 1);
        String problem = String.valueOf(marked.getProblem());
        if (problem.contains("(TAB)")) {
            return new ScenarioException(where, "not valid YAML: a tab is not allowed for indentation; indent with spaces");
        }
        String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
        return new ScenarioException(where, "not valid YAML: " + (context + problem).replaceAll("\\s+", " ").trim());
    }

    private static YamlNode node(String file, JsonParser p) throws IOException, ScenarioException {
        JsonToken t = p.currentToken();
        Location at = loc(file, p.currentTokenLocation());
        switch (t) {
            case START_OBJECT: {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                Map<String, Location> keys = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Location keyAt = loc(file, p.currentTokenLocation());
                    if (entries.containsKey(key)) {
                        throw new ScenarioException(keyAt, "the key '" + key + "' is written twice in this mapping (first at line " + keys.get(key).line() + ")");
                    }
                    p.nextToken();
                    keys.put(key, keyAt);
                    entries.put(key, node(file, p));
                }
                return new YamlNode.Mapping(at, entries, keys);
            }
            case START_ARRAY: {
                ArrayList<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(file, p));
                }
                return new YamlNode.Sequence(at, items);
            }
            case VALUE_NULL:
                return new YamlNode.Scalar(at, "", true);
            default:
                return new YamlNode.Scalar(at, p.getText(), false);
        }
    }

    private static Location loc(String file, JsonLocation l) {
        return new Location(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }
}
