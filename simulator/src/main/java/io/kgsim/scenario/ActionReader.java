package io.kgsim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an action's parser reads from: the value under the action's key in one timeline entry,
 * plus the scenario's topics, groups and brokers, so a name that does not exist is an error
 * with its file position before any run. Each {@link TimelineAction} record's {@code parse}
 * reads through this; the loader calls {@link #finish()} after it.
 */
final class ActionReader {
    private final MappingReader entry;
    private final String key;
    private final Map<String, TopicSpec> topics;
    private final List<GroupSpec> groups;
    private final int brokers;
    private MappingReader fields;

    ActionReader(MappingReader entry, String key, Map<String, TopicSpec> topics, List<GroupSpec> groups, int brokers) {
        this.entry = entry;
        this.key = key;
        this.topics = topics;
        this.groups = groups;
        this.brokers = brokers;
    }

    /** Whether the action's value is a mapping of fields rather than a scalar such as {@code billing/c2}. */
    boolean hasFields() {
        return entry.get(key) instanceof YamlNode.Mapping;
    }

    /** The action's scalar value read as {@code group/member}. */
    MemberRef member() throws ScenarioException {
        return memberRef(entry.get(key));
    }

    /** The action's fields; opening them makes {@link #finish()} reject the keys nobody read. */
    MappingReader fields() throws ScenarioException {
        if (fields == null) {
            fields = entry.section(key, "'" + key + "'");
        }
        return fields;
    }

    /** After the parser: a field it did not read is an unknown key. */
    void finish() throws ScenarioException {
        if (fields != null) {
            fields.rejectUnknown();
        }
    }

    int brokers() {
        return brokers;
    }

    /** The field {@code member}, a member of a known group. */
    MemberRef memberField(String expectation) throws ScenarioException {
        return memberRef(fields().required("member", expectation));
    }

    /** The field {@code rate}, per second for the whole topic. */
    double rate() throws ScenarioException {
        YamlNode r = fields().required("rate", "the new production rate of the whole topic, e.g. 3000/s");
        try {
            return Values.ratePerSecond(MappingReader.scalar(r, "rate"));
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(r.location(), "'rate' " + e.getMessage());
        }
    }

    /** The field {@code topic}, a topic of {@code topics[]}. */
    String topic(String expectation) throws ScenarioException {
        String topic = fields().requiredString("topic", expectation);
        if (!hasTopic(topic)) {
            throw unknownTopic(topic, fields().get("topic").location());
        }
        return topic;
    }

    boolean hasTopic(String topic) {
        return topics.containsKey(topic);
    }

    ScenarioException unknownTopic(String topic, Location at) {
        return new ScenarioException(at, "unknown topic '" + topic + "'" + Suggestions.didYouMean(topic, topics.keySet()));
    }

    /** The field {@code group}, a group of {@code groups[]}. */
    String group(String expectation) throws ScenarioException {
        return groupName(fields().requiredString("group", expectation), fields().get("group").location());
    }

    private String groupName(String g, Location l) throws ScenarioException {
        List<String> ids = new ArrayList<>();
        for (GroupSpec s : groups) {
            ids.add(s.groupId());
        }
        if (!ids.contains(g)) {
            throw new ScenarioException(l, "unknown group '" + g + "'" + Suggestions.didYouMean(g, ids) + " (groups: " + String.join(", ", ids) + ")");
        }
        return g;
    }

    private MemberRef memberRef(YamlNode v) throws ScenarioException {
        String t = MappingReader.scalar(v, "member").trim();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            throw new ScenarioException(v.location(), "expected a member as group/member, e.g. billing/c2, found '" + t + "'");
        }
        String g = groupName(t.substring(0, slash), v.location());
        return new MemberRef(g, t.substring(slash + 1));
    }
}
