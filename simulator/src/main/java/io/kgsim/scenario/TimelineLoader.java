package io.kgsim.scenario;

import io.kgsim.engine.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a scenario's {@code timeline}: each entry is {@code at} plus one action of the key table
 * ({@link ScenarioKeys#actions()}), read into a {@link TimelineAction}. Then it walks the
 * entries in time order to catch, before any run, an action on a member that never exists or an
 * {@code add-partitions} that would shrink a topic.
 */
final class TimelineLoader {
    private static final List<String> ACTIONS = ScenarioKeys.actions();
    private final Map<String, TopicSpec> topics;
    private final int brokers;
    private final List<GroupSpec> groups;
    private final Set<String> asked;

    TimelineLoader(Map<String, TopicSpec> topics, int brokers, List<GroupSpec> groups, Set<String> asked) {
        this.topics = topics;
        this.brokers = brokers;
        this.groups = groups;
        this.asked = asked;
    }

    /** The entries in time order (entries at one time in file order: the sort is stable). */
    List<TimelineEntry> timeline(List<YamlNode> nodes, long duration) throws ScenarioException {
        List<TimelineEntry> entries = new ArrayList<>();
        for (YamlNode n : nodes) {
            entries.add(entry(n, duration));
        }
        entries.sort(Comparator.comparingLong(TimelineEntry::atUs));
        checkMembers(entries);
        checkPartitionCounts(entries);
        return List.copyOf(entries);
    }

    private TimelineEntry entry(YamlNode node, long duration) throws ScenarioException {
        MappingReader m = new MappingReader(node, "a timeline entry", ScenarioKeys.TIMELINE_ENTRY, asked);
        long at = m.requiredDuration("at", "when the action happens, e.g. 30s");
        if (at >= duration) {
            throw new ScenarioException(m.get("at").location(), "'at' is " + Durations.format(at) + ", not before the end of the run (duration "
                    + Durations.format(duration) + ")");
        }
        String actionKey = null;
        for (String k : m.entries().keySet()) {
            if (k.equals("at")) {
                continue;
            }
            if (actionKey != null) {
                throw new ScenarioException(m.keyLocation(k), "a timeline entry holds one action, found both '" + actionKey + "' and '" + k + "'");
            }
            actionKey = k;
        }
        if (actionKey == null) {
            throw new ScenarioException(m.location(), "a timeline entry needs an action: one of " + String.join(", ", ACTIONS));
        }
        Location keyAt = m.keyLocation(actionKey);
        if (!ACTIONS.contains(actionKey)) {
            throw new ScenarioException(keyAt, "unknown timeline action '" + actionKey + "'" + Suggestions.didYouMean(actionKey, ACTIONS)
                    + " (supported: " + String.join(", ", ACTIONS) + ")");
        }
        return new TimelineEntry(at, action(m, actionKey), keyAt);
    }

    private TimelineAction action(MappingReader entry, String key) throws ScenarioException {
        YamlNode v = entry.get(key);
        if (key.equals("stop")) {
            return new TimelineAction.Stop(memberRef(v));
        }
        if (key.equals("crash")) {
            return new TimelineAction.Crash(memberRef(v));
        }
        if (key.equals("start") && !(v instanceof YamlNode.Mapping)) {
            return new TimelineAction.Restart(memberRef(v));
        }
        MappingReader a = entry.section(key, "'" + key + "'");
        TimelineAction action = switch (key) {
            case "start" -> new TimelineAction.StartNew(group(a, "the group to start members in"), a.integer("count"));
            case "rolling-restart" -> new TimelineAction.RollingRestart(group(a, "the group to restart"),
                    a.requiredDuration("interval", "time between two members' restarts, e.g. 60s"), a.duration("downtime"));
            case "set-rate" -> new TimelineAction.SetRate(topic(a, "the topic whose production changes"), rate(a));
            case "burst" -> new TimelineAction.Burst(topic(a, "the topic whose production changes"), rate(a),
                    a.requiredDuration("for", "how long the burst lasts, e.g. 30s"));
            case "pause" -> pause(a);
            case "cut-network" -> new TimelineAction.CutNetwork(memberRef(a.required("member", "the member cut off from its coordinator, e.g. billing/c3")),
                    a.requiredDuration("for", "how long the cut lasts, e.g. 60s"));
            case "broker-crash" -> new TimelineAction.BrokerCrash(a.requiredInt("broker", "the broker id, from 0", brokers),
                    a.requiredDuration("for", "how long the broker stays down, e.g. 2m"));
            case "add-partitions" -> new TimelineAction.AddPartitions(topic(a, "the topic that grows"),
                    a.requiredInt("count", "the new total partition count", Long.MAX_VALUE));
            case "subscribe" -> subscribe(a);
            case "scale" -> new TimelineAction.Scale(group(a, "the group to scale"), a.requiredInt("to", "how many members should run", Long.MAX_VALUE));
            default -> throw new IllegalStateException("the key table lists the timeline action '" + key + "', which the loader lacks");
        };
        a.rejectUnknown();
        return action;
    }

    private TimelineAction pause(MappingReader a) throws ScenarioException {
        MemberRef ref = memberRef(a.required("member", "the member to pause, e.g. billing/c3"));
        long d = a.requiredDuration("for", "how long the pause lasts, e.g. 400s");
        String kind = a.string("kind", a.key("kind").defaultText());
        if (!a.key("kind").choices().contains(kind)) {
            throw new ScenarioException(a.get("kind").location(), "'kind' expects gc (the whole process stops, heartbeats too) or handler "
                    + "(only the application thread is stuck), found '" + kind + "'");
        }
        return new TimelineAction.Pause(ref, d, kind.equals("gc"));
    }

    private TimelineAction subscribe(MappingReader a) throws ScenarioException {
        MemberRef ref = memberRef(a.required("member", "the member whose subscription changes, e.g. billing/c3"));
        List<String> ts = a.stringList("topics");
        if (ts.isEmpty()) {
            throw new ScenarioException(a.keyLocation("topics"), "'subscribe' needs 'topics': the new subscription, a list of topic names");
        }
        for (int i = 0; i < ts.size(); i++) {
            if (!topics.containsKey(ts.get(i))) {
                throw new ScenarioException(a.list("topics").get(i).location(), "unknown topic '" + ts.get(i) + "'"
                        + Suggestions.didYouMean(ts.get(i), topics.keySet()));
            }
        }
        return new TimelineAction.Subscribe(ref, List.copyOf(ts));
    }

    private static double rate(MappingReader a) throws ScenarioException {
        YamlNode r = a.required("rate", "the new production rate of the whole topic, e.g. 3000/s");
        try {
            return Values.ratePerSecond(MappingReader.scalar(r, "rate"));
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(r.location(), "'rate' " + e.getMessage());
        }
    }

    private String topic(MappingReader a, String expectation) throws ScenarioException {
        String topic = a.requiredString("topic", expectation);
        if (!topics.containsKey(topic)) {
            throw new ScenarioException(a.get("topic").location(), "unknown topic '" + topic + "'" + Suggestions.didYouMean(topic, topics.keySet()));
        }
        return topic;
    }

    private String group(MappingReader a, String expectation) throws ScenarioException {
        return groupName(a.requiredString("group", expectation), a.get("group").location());
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

    /** The member an action names, or null for actions on a group, a topic or a broker. */
    private static MemberRef memberOf(TimelineAction a) {
        if (a instanceof TimelineAction.Restart r) {
            return r.member();
        } else if (a instanceof TimelineAction.Stop s) {
            return s.member();
        } else if (a instanceof TimelineAction.Crash c) {
            return c.member();
        } else if (a instanceof TimelineAction.Pause p) {
            return p.member();
        } else if (a instanceof TimelineAction.CutNetwork c) {
            return c.member();
        } else if (a instanceof TimelineAction.Subscribe s) {
            return s.member();
        }
        return null;
    }

    /**
     * Walks the timeline in time order, tracking which member names exist, so an action on a
     * member that never exists is caught here rather than silently ignored at run time.
     */
    private void checkMembers(List<TimelineEntry> entries) throws ScenarioException {
        Map<String, Integer> count = new LinkedHashMap<>();
        for (GroupSpec g : groups) {
            count.put(g.groupId(), g.consumers());
        }
        for (TimelineEntry e : entries) {
            if (e.action() instanceof TimelineAction.StartNew s) {
                count.merge(s.group(), s.count(), Integer::sum);
            } else if (e.action() instanceof TimelineAction.Scale s) {
                // Scaling up creates members beyond the highest number so far.
                count.merge(s.group(), s.to(), Math::max);
            }
            MemberRef ref = memberOf(e.action());
            if (ref == null) {
                continue;
            }
            int n = count.get(ref.group());
            int number = memberNumber(ref.member());
            if (number < 1 || number > n) {
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    names.add("c" + i);
                }
                throw new ScenarioException(e.location(), "unknown member '" + ref + "' at " + Durations.format(e.atUs())
                        + ": group '" + ref.group() + "' has " + (n == 0 ? "no members yet" : "members c1..c" + n + " by then")
                        + Suggestions.didYouMean(ref.member(), names));
            }
        }
    }

    /** Kafka only adds partitions: each add-partitions must exceed the count the topic has by then. */
    private void checkPartitionCounts(List<TimelineEntry> entries) throws ScenarioException {
        Map<String, Integer> partitionsSoFar = new LinkedHashMap<>();
        for (TimelineEntry e : entries) {
            if (e.action() instanceof TimelineAction.AddPartitions ap) {
                int before = partitionsSoFar.computeIfAbsent(ap.topic(), t -> topics.get(t).partitions());
                if (ap.count() <= before) {
                    throw new ScenarioException(e.location(), "add-partitions: '" + ap.topic() + "' has " + before
                            + " partitions by then; count is the new total and Kafka only adds partitions, found " + ap.count());
                }
                partitionsSoFar.put(ap.topic(), ap.count());
            }
        }
    }

    private static int memberNumber(String name) {
        if (name.length() < 2 || name.charAt(0) != 'c') {
            return -1;
        }
        try {
            return Integer.parseInt(name.substring(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
