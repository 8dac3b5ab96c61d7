package io.kgsim.scenario;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Parses a scenario's {@code config:} mapping with Kafka's own {@link ConfigDef}, so types,
 * allowed ranges and defaults are exactly the client's or the broker's, never retyped by hand.
 */
final class KafkaConfigs {
    private KafkaConfigs() {
    }

    /**
     * Parses one entry. {@code what} names the mapping in errors ("consumer config").
     */
    static Object parse(ConfigDef def, String what, String key, YamlNode value, Location keyAt) throws ScenarioException {
        ConfigDef.ConfigKey k = def.configKeys().get(key);
        if (k == null) {
            throw new ScenarioException(keyAt, "unknown " + what + " '" + key + "'" + Suggestions.didYouMean(key, def.names())
                    + " (keys are Kafka's own configuration names)");
        }
        Object raw = raw(value, key);
        try {
            Object parsed = ConfigDef.parseType(key, raw, k.type);
            if (k.validator != null) {
                k.validator.ensureValid(key, parsed);
            }
            return parsed;
        } catch (ConfigException e) {
            throw new ScenarioException(value.location(), "invalid value for " + what + " '" + key + "': " + e.getMessage()
                    + " (Kafka type " + k.type.toString().toLowerCase(java.util.Locale.ROOT)
                    + (k.validator != null ? ", allowed " + k.validator : "") + ")");
        }
    }

    /** Kafka's defaults for every key that has one, sorted by name. */
    static Map<String, Object> defaults(ConfigDef def) {
        Map<String, Object> out = new TreeMap<>();
        for (ConfigDef.ConfigKey k : def.configKeys().values()) {
            if (k.hasDefault()) {
                out.put(k.name, k.defaultValue);
            }
        }
        return out;
    }

    private static Object raw(YamlNode value, String key) throws ScenarioException {
        if (value instanceof YamlNode.Sequence seq) {
            StringBuilder b = new StringBuilder();
            for (YamlNode item : seq.items()) {
                if (b.length() > 0) {
                    b.append(',');
                }
                b.append(MappingReader.scalar(item, key));
            }
            return b.toString();
        }
        return MappingReader.scalar(value, key).trim();
    }
}
