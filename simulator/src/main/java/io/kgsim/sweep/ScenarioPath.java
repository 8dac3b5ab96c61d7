package io.kgsim.sweep;

import io.kgsim.scenario.Location;
import io.kgsim.scenario.ScenarioException;
import io.kgsim.scenario.ScenarioKey;
import io.kgsim.scenario.ScenarioKeys;
import io.kgsim.scenario.Suggestions;
import io.kgsim.scenario.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's path into a scenario ({@code groups[billing].config.session.timeout.ms}) resolved
 * against the scenario's YAML tree. Keys of the format hold dots ({@code replication.factor},
 * {@code per.record}), so a path is not split on dots: it is walked with the format's key table
 * ({@link ScenarioKeys}), taking at each level the longest key the table knows there; after a
 * Kafka config mapping ({@code config}) the rest is one Kafka config name. Lists are entered by
 * index ({@code timeline[2]}) or by the entry's name ({@code topics[orders]}, {@code groups[billing]}).
 */
final class ScenarioPath {
    /** The key naming an entry of each list that has one; other lists (the timeline) go by index. */
    private static final Map<String, String> ENTRY_NAME = Map.of("topics", "name", "groups", "group.id", "groups[].members", "name");
    /** What an entry of each list is called in messages. */
    private static final Map<String, String> ENTRY_NOUN = Map.of("topics", "topic", "groups", "group", "groups[].members", "member",
            "timeline", "timeline entry");
    /** Keys a sweep cannot vary, with why. */
    private static final Map<String, String> REFUSED = Map.of(
            "seed", "a sweep's seeds are a dimension of their own, given under 'seeds'",
            "name", "the scenario's name names its outputs, it is not a parameter",
            "compare", "a sweep's strategies are a dimension of their own, listed under 'strategies'");
    /** Consumer configs that choose the strategy, a sweep's own dimension. */
    private static final Set<String> STRATEGY_CONFIGS = Set.of("partition.assignment.strategy", "group.protocol", "group.remote.assignor");

    private ScenarioPath() {
    }

    /** One step down the tree: a mapping's key, or a list's entry. */
    sealed interface Step permits Key, Index {
    }

    record Key(String name) implements Step {
    }

    record Index(int index) implements Step {
    }

    /**
     * Where a path leads.
     *
     * @param canonical the path with every list entry by index, so two names of one value can be told apart
     * @param kafkaMillis the value is a Kafka config in milliseconds ({@code *.ms}), which also takes a duration such as {@code 10s}
     */
    record Target(String path, List<Step> steps, String canonical, boolean kafkaMillis) {
        Target {
            steps = List.copyOf(steps);
        }

        /** A copy of {@code root} with {@code value} at this target, adding the key and any missing mapping above it. */
        YamlNode with(YamlNode root, YamlNode.Scalar value, Location keyAt) {
            return with(root, 0, value, keyAt);
        }

        private YamlNode with(YamlNode node, int i, YamlNode.Scalar value, Location keyAt) {
            Step step = steps.get(i);
            if (step instanceof Index at) {
                YamlNode.Sequence seq = (YamlNode.Sequence) node;
                List<YamlNode> items = new ArrayList<>(seq.items());
                items.set(at.index(), with(items.get(at.index()), i + 1, value, keyAt));
                return new YamlNode.Sequence(seq.location(), items);
            }
            String key = ((Key) step).name();
            // An absent or empty mapping is added, located where the sweep names the path.
            YamlNode.Mapping m = node instanceof YamlNode.Mapping mapping ? mapping
                    : new YamlNode.Mapping(keyAt, new LinkedHashMap<>(), new LinkedHashMap<>());
            Map<String, YamlNode> entries = new LinkedHashMap<>(m.entries());
            Map<String, Location> keys = new LinkedHashMap<>(m.keys());
            entries.put(key, i == steps.size() - 1 ? value : with(entries.get(key), i + 1, value, keyAt));
            keys.putIfAbsent(key, keyAt);
            return new YamlNode.Mapping(m.location(), entries, keys);
        }
    }

    /**
     * @param at where the sweep file names the path: every error is located there
     * @throws ScenarioException naming the part of the path that does not fit the scenario
     */
    static Target resolve(YamlNode root, String path, Location at) throws ScenarioException {
        return new Walk(root, path, at).target();
    }

    /** The walk down the tree, one key of the table at a time. */
    private static final class Walk {
        private final String path;
        private final Location at;
        private final List<Step> steps = new ArrayList<>();
        private final StringBuilder canonical = new StringBuilder();
        private YamlNode node;
        private String parent = "";
        private int pos;

        Walk(YamlNode root, String path, Location at) {
            this.node = root;
            this.path = path;
            this.at = at;
        }

        Target target() throws ScenarioException {
            while (true) {
                ScenarioKey key = key();
                YamlNode child = entry(node, key.name());
                step(key.name());
                String rest = path.substring(pos);
                switch (key.kind()) {
                    case LIST -> enterEntry(key, child);
                    case BROKER_CONFIG, CONSUMER_CONFIG -> {
                        return kafkaConfig(key, rest);
                    }
                    case MAPPING, MEMBER_OR_MAPPING -> {
                        if (rest.isEmpty() && key.kind() == ScenarioKey.Kind.MEMBER_OR_MAPPING && !(child instanceof YamlNode.Mapping)) {
                            return done(false);
                        }
                        enterMapping(key, child, rest);
                    }
                    case STRING_LIST, NUMBER_LIST -> throw error("'" + shown() + "' is a list of values; a sweep varies single values");
                    default -> {
                        if (!rest.isEmpty()) {
                            throw error("'" + shown() + "' is a single value: nothing is under it (found '" + rest + "' after it)");
                        }
                        return done(false);
                    }
                }
            }
        }

        /** The longest key the table knows at this level that starts the rest of the path. */
        private ScenarioKey key() throws ScenarioException {
            String rest = path.substring(pos);
            ScenarioKey best = null;
            List<String> names = new ArrayList<>();
            for (ScenarioKey k : ScenarioKeys.children(parent)) {
                names.add(k.name());
                String n = k.name();
                boolean starts = rest.equals(n) || rest.startsWith(n + ".") || rest.startsWith(n + "[");
                if (starts && (best == null || n.length() > best.name().length())) {
                    best = k;
                }
            }
            if (best == null) {
                throw unknownKey(rest, names);
            }
            String refused = REFUSED.get(best.path());
            if (refused != null) {
                throw error("'" + best.path() + "' cannot be varied: " + refused);
            }
            if (parent.equals(ScenarioKeys.TIMELINE_ENTRY) && !best.name().equals("at") && entry(node, best.name()) == null) {
                throw error("'" + shown() + "' has no '" + best.name() + "': its action is " + action(node));
            }
            pos += best.name().length();
            return best;
        }

        private ScenarioException unknownKey(String rest, List<String> names) {
            String word = rest.split("[.\\[]", 2)[0];
            String suggestion = "";
            for (String n : names) {
                String[] parts = rest.split("\\[", 2)[0].split("\\.");
                int count = n.split("\\.").length;
                if (parts.length >= count) {
                    String prefix = String.join(".", java.util.Arrays.copyOf(parts, count));
                    if (Suggestions.nearest(prefix, List.of(n)) != null) {
                        word = prefix;
                        suggestion = "; did you mean '" + n + "'?";
                        break;
                    }
                }
            }
            String where = pos == 0 ? "the scenario" : "'" + shown() + "'";
            return error(where + " has no key '" + word + "'" + suggestion + " (its keys: " + String.join(", ", names) + ")");
        }

        /** {@code [name]} or {@code [index]} after a list's key, then a key of the entry. */
        private void enterEntry(ScenarioKey key, YamlNode list) throws ScenarioException {
            String rest = path.substring(pos);
            String noun = ENTRY_NOUN.getOrDefault(key.path(), "entry");
            int close = rest.indexOf(']');
            if (!rest.startsWith("[") || close < 0) {
                throw error("'" + shown() + "' is a list: choose one " + noun + " with [name] or [index], e.g. " + shown() + "[0]");
            }
            if (!(list instanceof YamlNode.Sequence seq) || seq.items().isEmpty()) {
                throw error("the scenario has no '" + shown() + "' entries");
            }
            int index = select(key, seq, rest.substring(1, close).trim(), noun);
            steps.add(new Index(index));
            canonical.append('[').append(index).append(']');
            pos += close + 1;
            node = seq.items().get(index);
            parent = key.childParent();
            String after = path.substring(pos);
            if (after.isEmpty() || !after.startsWith(".") || after.length() == 1) {
                List<String> names = ScenarioKeys.children(parent).stream().map(ScenarioKey::name).toList();
                throw error("'" + shown() + "' is a whole " + noun + ": name one of its keys after a '.' (" + String.join(", ", names) + ")");
            }
            pos++;
        }

        private int select(ScenarioKey key, YamlNode.Sequence seq, String selector, String noun) throws ScenarioException {
            int size = seq.items().size();
            if (selector.matches("\\d+")) {
                long index = Long.parseLong(selector.length() > 9 ? "999999999" : selector);
                if (index >= size) {
                    throw error("'" + shown() + "[" + selector + "]' is out of range: the scenario has " + size + " " + noun
                            + (size == 1 ? "" : "s") + " (" + key.name() + "[0] to " + key.name() + "[" + (size - 1) + "])");
                }
                return (int) index;
            }
            String nameKey = ENTRY_NAME.get(key.path());
            if (nameKey == null) {
                throw error("'" + shown() + "' entries are chosen by index, " + key.name() + "[0] to " + key.name() + "[" + (size - 1)
                        + "], found '" + selector + "'");
            }
            List<String> names = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                YamlNode n = entry(item, nameKey);
                names.add(n instanceof YamlNode.Scalar s ? s.text() : "");
            }
            int index = names.indexOf(selector);
            if (index < 0) {
                throw error("the scenario has no " + noun + " with " + nameKey + " '" + selector + "'" + Suggestions.didYouMean(selector, names)
                        + " (its " + noun + "s: " + String.join(", ", names) + ")");
            }
            return index;
        }

        private void enterMapping(ScenarioKey key, YamlNode child, String rest) throws ScenarioException {
            List<String> names = ScenarioKeys.children(key.childParent()).stream().map(ScenarioKey::name).toList();
            if (rest.isEmpty()) {
                throw error("'" + shown() + "' is a mapping: name one of its keys after it (" + String.join(", ", names) + ")");
            }
            if (!rest.startsWith(".")) {
                throw error("'" + shown() + "' is a mapping, not a list: name one of its keys after a '.' (" + String.join(", ", names) + ")");
            }
            if (child instanceof YamlNode.Scalar s && !s.isNull()) {
                throw error("'" + shown() + "' is '" + s.text() + "' in the scenario, not a mapping: vary '" + shown() + "' itself");
            }
            node = child;
            parent = key.childParent();
            pos++;
        }

        /** The rest of the path after {@code config.} is one Kafka config name. */
        private Target kafkaConfig(ScenarioKey key, String rest) throws ScenarioException {
            if (!rest.startsWith(".") || rest.length() == 1) {
                throw error("'" + shown() + "' takes a Kafka config name after it, e.g. " + shown()
                        + (key.kind() == ScenarioKey.Kind.CONSUMER_CONFIG ? ".session.timeout.ms" : ".group.initial.rebalance.delay.ms"));
            }
            String name = rest.substring(1);
            if (key.kind() == ScenarioKey.Kind.CONSUMER_CONFIG && STRATEGY_CONFIGS.contains(name)) {
                throw error("'" + name + "' cannot be varied: a sweep's strategies are a dimension of their own, listed under 'strategies' "
                        + "(each sets the protocol and the assignor of every group)");
            }
            step(name);
            pos = path.length();
            return done(name.endsWith(".ms"));
        }

        private void step(String name) {
            steps.add(new Key(name));
            canonical.append(canonical.length() == 0 ? "" : ".").append(name);
        }

        private Target done(boolean kafkaMillis) {
            return new Target(path, steps, canonical.toString(), kafkaMillis);
        }

        /** The path walked so far, for messages. */
        private String shown() {
            String s = path.substring(0, pos);
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }

        private ScenarioException error(String message) {
            return new ScenarioException(at, "vary '" + path + "': " + message);
        }
    }

    private static YamlNode entry(YamlNode node, String key) {
        return node instanceof YamlNode.Mapping m ? m.entries().get(key) : null;
    }

    /** A timeline entry's action, for messages: {@code 'crash'}. */
    private static String action(YamlNode entry) {
        if (entry instanceof YamlNode.Mapping m) {
            for (String k : m.entries().keySet()) {
                if (!k.equals("at")) {
                    return "'" + k + "'";
                }
            }
        }
        return "none";
    }
}
