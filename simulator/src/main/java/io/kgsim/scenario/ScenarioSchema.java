package io.kgsim.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The scenario format as a JSON Schema (draft-07, the draft YAML language servers and
 * JetBrains IDEs support fully), generated from {@link ScenarioKeys} and Kafka's
 * {@code ConfigDef}s: {@code docs/scenario.schema.json} and {@code kgsim schema}. Every mapping is
 * closed ({@code additionalProperties: false}) so a typo is flagged, every property carries a
 * description for hover text, and value grammars (durations, rates, distributions) are patterns.
 * Subschemas are inlined rather than shared through {@code $ref}: draft-07 ignores a
 * description written beside a {@code $ref}.
 */
public final class ScenarioSchema {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String D = "(\\d+(\\.\\d+)?\\s*(us|ms|s|m|h))";
    private static final String N = "(\\d+(\\.\\d+)?)";
    static final String DURATION_PATTERN = "^\\s*" + Values.DURATION_REGEX + "\\s*$";
    static final String RATE_PATTERN = "^\\s*" + Values.RATE_REGEX + "\\s*$";
    static final String DISTRIBUTION_PATTERN = "^\\s*(" + D + "|fixed\\(\\s*" + D + "\\s*\\)|uniform\\(\\s*" + D + "\\s*,\\s*" + D + "\\s*\\)"
            + "|exponential\\(\\s*" + D + "\\s*\\)|lognormal\\(\\s*" + D + "\\s*,\\s*" + N + "\\s*\\)|normal\\(\\s*" + D + "\\s*,\\s*" + D + "\\s*\\))\\s*$";
    static final String SKEW_PATTERN = "^\\s*(uniform|zipf\\(\\s*[0-9.]+\\s*\\))\\s*$";
    static final String MEMBER_PATTERN = "^\\s*[^/\\s]+/[^/\\s]+\\s*$";

    private static final String MEMBER_MESSAGE = "expected a member as group/member, e.g. billing/c2";

    private ScenarioSchema() {
    }

    /**
     * A string with a pattern, and the message editors show when it does not match
     * ({@code patternErrorMessage}, read by YAML and JSON language servers; validators ignore it).
     */
    private static ObjectNode pattern(ObjectNode p, String regex, String message) {
        return p.put("type", "string").put("pattern", regex).put("patternErrorMessage", message);
    }

    /** The schema as the committed file holds it: two-space indented JSON and a final newline. */
    public static String json() {
        try {
            return MAPPER.writeValueAsString(build()).replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode build() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("title", "kgsim scenario");
        root.put("description", "A kgsim scenario: a cluster, topics, consumer groups and a timeline of faults. "
                + "The reference is docs/scenario-format.md.");
        mapping(root, "");
        return root;
    }

    /** Fills {@code o} as a closed object holding the keys under {@code parent}. */
    private static void mapping(ObjectNode o, String parent) {
        o.put("type", "object");
        ObjectNode props = o.putObject("properties");
        ArrayNode required = MAPPER.createArrayNode();
        for (ScenarioKey k : ScenarioKeys.children(parent)) {
            props.set(k.name(), property(k));
            if (k.required()) {
                required.add(k.name());
            }
        }
        if (!required.isEmpty()) {
            o.set("required", required);
        }
        o.put("additionalProperties", false);
    }

    /** The schema of one key: its description, then the shape its kind allows. */
    private static ObjectNode property(ScenarioKey k) {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("description", describe(k));
        switch (k.kind()) {
            case TEXT -> text(p, k);
            case INTEGER -> integer(p, k);
            case BOOLEAN -> p.put("type", "boolean");
            case DURATION -> pattern(p, DURATION_PATTERN, "expected a duration such as 500us, 250ms, 30s, 5m or 2h");
            case RATE -> pattern(p, RATE_PATTERN, "expected a rate such as 1200/s");
            case DISTRIBUTION -> pattern(p, DISTRIBUTION_PATTERN, "expected a duration distribution: fixed(2ms), uniform(1ms, 3ms), "
                    + "exponential(2ms), lognormal(2ms, 0.5), normal(2ms, 0.5ms) or a bare duration");
            case SKEW -> pattern(p, SKEW_PATTERN, "expected uniform or zipf(s), e.g. zipf(1.1)");
            case MEMBER -> pattern(p, MEMBER_PATTERN, MEMBER_MESSAGE);
            case STRING_LIST -> p.put("type", "array").putObject("items").put("type", "string");
            case NUMBER_LIST -> p.put("type", "array").putObject("items").put("type", "number").put("minimum", 0);
            case CHOICE -> {
                p.put("type", "string");
                k.choices().forEach(p.putArray("enum")::add);
            }
            case MAPPING -> mapping(p, k.childParent());
            case MEMBER_OR_MAPPING -> memberOrMapping(p, k);
            case LIST -> listOfMappings(p, k);
            case BROKER_CONFIG -> kafka(p, KafkaConfigs.BROKER_DEF, KafkaConfigs.BROKER_MODELLED, Map.of());
            case CONSUMER_CONFIG -> kafka(p, KafkaConfigs.CONSUMER_DEF, KafkaConfigs.CONSUMER_MODELLED, KafkaConfigs.CONSUMER_SET_ELSEWHERE);
            default -> throw new IllegalStateException(k.kind().name());
        }
        return p;
    }

    private static void text(ObjectNode p, ScenarioKey k) {
        p.put("type", "string");
        if (k.pattern() != null) {
            p.put("pattern", k.pattern());
        }
    }

    private static void integer(ObjectNode p, ScenarioKey k) {
        p.put("type", "integer");
        if (k.min() != null) {
            p.put("minimum", k.min());
        }
        if (k.max() != null) {
            p.put("maximum", k.max());
        }
    }

    /** A timeline action that takes a member, or a mapping of options around it. */
    private static void memberOrMapping(ObjectNode p, ScenarioKey k) {
        ArrayNode any = p.putArray("anyOf");
        pattern(any.addObject(), MEMBER_PATTERN, MEMBER_MESSAGE).put("description", "group/member: restart that member");
        mapping(any.addObject(), k.childParent());
    }

    private static void listOfMappings(ObjectNode p, ScenarioKey k) {
        p.put("type", "array");
        if (k.required()) {
            p.put("minItems", 1);
        }
        ObjectNode items = p.putObject("items");
        mapping(items, k.childParent());
        if (k.childParent().equals(ScenarioKeys.TIMELINE_ENTRY)) {
            // 'at' and exactly one action.
            items.put("minProperties", 2).put("maxProperties", 2);
        }
    }

    /** The key's description: meaning, allowed values, default, example. */
    private static String describe(ScenarioKey k) {
        // A link into the reference means nothing in an editor's hover: name the place instead.
        StringBuilder b = new StringBuilder(k.doc().replaceAll("\\[([^]]+)]\\(#[^)]+\\)", "$1 in docs/scenario-format.md"));
        String range = k.rangeText();
        if (!range.isEmpty()) {
            b.append(" Allowed: ").append(range).append('.');
        }
        if (k.unit() != null) {
            b.append(" Unit: ").append(k.unit()).append('.');
        }
        if (k.required()) {
            b.append(" Required.");
        } else if (k.defaultText() != null) {
            b.append(" Default: ").append(k.defaultText()).append('.');
        }
        if (k.example() != null) {
            b.append(" Example: ").append(k.name()).append(": ").append(k.example());
        }
        return b.toString();
    }

    /** A Kafka config mapping: one property per Kafka key (all accepted), each with Kafka's doc. */
    private static void kafka(ObjectNode o, ConfigDef def, Map<String, String> modelled, Map<String, String> setElsewhere) {
        o.put("type", "object");
        ObjectNode props = o.putObject("properties");
        for (ConfigDef.ConfigKey k : KafkaConfigDocs.keys(def, setElsewhere)) {
            ObjectNode p = props.putObject(k.name);
            String model = modelled.containsKey(k.name) ? "kgsim models it: " + modelled.get(k.name)
                    : "Accepted, not modelled: kgsim does not simulate what it changes (a run warns).";
            String valid = KafkaConfigDocs.validText(k);
            String dflt = KafkaConfigDocs.defaultText(k);
            p.put("description", model + " Kafka: " + KafkaConfigDocs.plainDoc(k) + " Type: " + KafkaConfigDocs.typeName(k)
                    + (dflt == null ? "" : ". Default: " + dflt) + (valid.isEmpty() ? "" : ". Valid values: " + valid) + ".");
            switch (k.type) {
                case BOOLEAN -> p.put("type", "boolean");
                case INT, SHORT, LONG -> p.put("type", "integer");
                case DOUBLE -> p.put("type", "number");
                case LIST -> {
                    p.putArray("type").add("string").add("array");
                    p.putObject("items").put("type", "string");
                }
                default -> p.put("type", "string");
            }
            Number[] bounds = KafkaConfigDocs.bounds(k);
            if (bounds != null) {
                putNumber(p, "minimum", bounds[0]);
                putNumber(p, "maximum", bounds[1]);
            }
        }
        o.put("additionalProperties", false);
    }

    private static void putNumber(ObjectNode p, String field, Number n) {
        if (n instanceof Long l) {
            p.put(field, l);
        } else if (n instanceof Double d) {
            p.put(field, d);
        }
    }
}
