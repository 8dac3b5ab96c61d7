package io.kgsim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;

/**
 * What the reference and the JSON Schema say about one Kafka config, read from Kafka's
 * {@link ConfigDef} (type, default, valid values, documentation) and from {@link KafkaConfigs}
 * (whether kgsim models it), so neither retypes Kafka's own definitions.
 */
final class KafkaConfigDocs {
    /** {@code ConfigDef.Range#toString()}: {@code [1,...]}, {@code [...,5]}, {@code [1,...,5]}. */
    private static final Pattern RANGE = Pattern.compile("\\[(-?[0-9.E]+)?,?\\.\\.\\.,?(-?[0-9.E]+)?]");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");

    private KafkaConfigDocs() {
    }

    /** The keys a scenario may write in the mapping, sorted by name; keys set elsewhere left out. */
    static List<ConfigDef.ConfigKey> keys(ConfigDef def, Map<String, String> setElsewhere) {
        List<ConfigDef.ConfigKey> out = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(def.names())) {
            if (!setElsewhere.containsKey(name)) {
                out.add(def.configKeys().get(name));
            }
        }
        return out;
    }

    static String typeName(ConfigDef.ConfigKey k) {
        return k.type.toString().toLowerCase(Locale.ROOT);
    }

    /** Kafka's default as Kafka's own docs print it, or null when there is none. */
    static String defaultText(ConfigDef.ConfigKey k) {
        if (!k.hasDefault()) {
            return null;
        }
        if (k.defaultValue == null) {
            return "null";
        }
        String s = ConfigDef.convertToString(k.defaultValue, k.type);
        return s == null || s.isEmpty() ? "\"\"" : s;
    }

    /** Kafka's valid values (the validator's own text), or "" when anything of the type goes. */
    static String validText(ConfigDef.ConfigKey k) {
        return k.validator == null ? "" : k.validator.toString();
    }

    /** The bounds of a {@code ConfigDef.Range} validator: {min, max}, each null when open. */
    static Number[] bounds(ConfigDef.ConfigKey k) {
        if (!(k.validator instanceof ConfigDef.Range)) {
            return null;
        }
        Matcher m = RANGE.matcher(k.validator.toString().replace(" ", ""));
        if (!m.matches()) {
            return null;
        }
        return new Number[] {number(m.group(1)), number(m.group(2))};
    }

    private static Number number(String s) {
        if (s == null) {
            return null;
        }
        return s.contains(".") || s.contains("E") ? (Number) Double.valueOf(s) : (Number) Long.valueOf(s);
    }

    /** Kafka's documentation as plain text: tags dropped, {@code <code>} kept as backquotes, one line. */
    static String plainDoc(ConfigDef.ConfigKey k) {
        String d = k.documentation == null ? "" : k.documentation;
        d = d.replace("<code>", "`").replace("</code>", "`");
        d = TAG.matcher(d).replaceAll("");
        d = d.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", "\"");
        return d.replaceAll("\\s+", " ").trim();
    }

    /** The first sentence of Kafka's documentation, for a table cell. */
    static String firstSentence(ConfigDef.ConfigKey k) {
        String d = plainDoc(k);
        int end = d.indexOf(". ");
        return end < 0 ? d : d.substring(0, end + 1);
    }
}
