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
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage().replace('\n', ' ').replaceAll("\\s+", " ").trim();
            throw new ScenarioException(l == null ? new Location(fileName, 1, 1) : loc(fileName, l), "not valid YAML: " + msg);
        } catch (IOException e) {
            throw new ScenarioException(new Location(fileName, 1, 1), "cannot read the file: " + e.getMessage());
        }
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
