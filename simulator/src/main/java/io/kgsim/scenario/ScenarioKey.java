package io.kgsim.scenario;

import java.util.List;

/**
 * One key of the scenario format, as the loader reads it and as the reference and the JSON
 * Schema describe it. {@link ScenarioKeys} holds them all; nothing else spells a default or a
 * range a second time.
 *
 * @param parent      the path of the enclosing mapping ({@code ""} at the top, {@code groups[]} for
 *                    a key of each group); paths join with '.', a list's items add {@code []}
 * @param name        the key as written in a scenario file (may itself hold dots: {@code group.id})
 * @param required    the loader refuses a mapping without it
 * @param defaultText what an absent key means, as the reference prints it; null when required
 * @param min         smallest accepted value (integers; durations in microseconds), or null
 * @param max         largest accepted value, or null
 * @param rangeNote   a bound that depends on other keys, in words (e.g. below {@code cluster.brokers}), or null
 * @param choices     the accepted values of a {@link Kind#CHOICE}
 * @param pattern     a regular expression a text value must match (JSON Schema, ECMA 262), or null
 * @param unit        the unit of a number, or null
 */
public record ScenarioKey(String parent, String name, Kind kind, boolean required, String defaultText, Long min, Long max,
                          String rangeNote, List<String> choices, String pattern, String unit, String doc, String example) {

    /** What a value is; each kind has one grammar, explained once in the reference. */
    public enum Kind {
        TEXT("string"),
        INTEGER("integer"),
        BOOLEAN("boolean"),
        DURATION("duration"),
        RATE("rate"),
        DISTRIBUTION("distribution"),
        SKEW("skew"),
        STRING_LIST("list of strings"),
        NUMBER_LIST("list of numbers"),
        CHOICE("one of"),
        MEMBER("member (group/member)"),
        MEMBER_OR_MAPPING("member (group/member) or mapping"),
        MAPPING("mapping"),
        LIST("list of mappings"),
        BROKER_CONFIG("mapping of Kafka broker configs"),
        CONSUMER_CONFIG("mapping of Kafka consumer configs");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Kinds whose keys sit one level down: a mapping's under its path, a list's under path[]. */
        public boolean hasChildren() {
            return this == MAPPING || this == LIST || this == MEMBER_OR_MAPPING;
        }
    }

    public ScenarioKey {
        choices = List.copyOf(choices);
    }

    /** {@code groups[].processing.per.record}: how the reference and error messages name the key. */
    public String path() {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** The parent path of this key's own keys: {@code topics[]} for a list, the path for a mapping. */
    public String childParent() {
        return kind == Kind.LIST ? path() + "[]" : path();
    }

    /** The allowed values in words, for the reference; empty when anything of the kind goes. */
    public String rangeText() {
        StringBuilder b = new StringBuilder();
        if (kind == Kind.CHOICE) {
            b.append(String.join(" | ", choices));
        } else if (kind == Kind.DURATION && min != null) {
            b.append(min == 0 ? ">= 0" : "> 0");
        } else if (min != null && max != null) {
            b.append(min).append(" .. ").append(max);
        } else if (min != null) {
            b.append(">= ").append(min);
        }
        if (rangeNote != null) {
            b.append(b.length() == 0 ? "" : "; ").append(rangeNote);
        }
        return b.toString();
    }

    static Builder of(String parent, String name, Kind kind) {
        return new Builder(parent, name, kind);
    }

    /** Reads like the table it builds: {@code of("groups[]", "consumers", INTEGER).def("1").range(0, 100_000)...}. */
    static final class Builder {
        private final String parent;
        private final String name;
        private final Kind kind;
        private boolean required;
        private String defaultText;
        private Long min;
        private Long max;
        private String rangeNote;
        private List<String> choices = List.of();
        private String pattern;
        private String unit;
        private String doc = "";
        private String example;

        private Builder(String parent, String name, Kind kind) {
            this.parent = parent;
            this.name = name;
            this.kind = kind;
        }

        Builder required() {
            this.required = true;
            return this;
        }

        Builder def(String text) {
            this.defaultText = text;
            return this;
        }

        Builder range(long lo, long hi) {
            this.min = lo;
            this.max = hi;
            return this;
        }

        Builder min(long lo) {
            this.min = lo;
            return this;
        }

        Builder rangeNote(String text) {
            this.rangeNote = text;
            return this;
        }

        Builder choices(String... values) {
            this.choices = List.of(values);
            return this;
        }

        Builder pattern(String regex) {
            this.pattern = regex;
            return this;
        }

        Builder unit(String u) {
            this.unit = u;
            return this;
        }

        Builder doc(String text) {
            this.doc = text;
            return this;
        }

        Builder example(String text) {
            this.example = text;
            return this;
        }

        ScenarioKey build() {
            return new ScenarioKey(parent, name, kind, required, defaultText, min, max, rangeNote, choices, pattern, unit, doc, example);
        }
    }
}
