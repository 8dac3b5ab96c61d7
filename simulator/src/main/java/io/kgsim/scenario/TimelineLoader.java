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
    /** Per group, the highest member number it reaches over the run (filled by {@link #timeline}). */
    private final Map<String, Integer> highestNumber = new LinkedHashMap<>();

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

    /** Per group id, the highest member number ({@code cN}) the group reaches over the run; after {@link #timeline}. */
    Map<String, Integer> highestMemberNumbers() {
        return highestNumber;
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
        ActionReader r = new ActionReader(entry, key, topics, groups, brokers);
        TimelineAction action = TimelineActions.parser(key).parse(r);
        r.finish();
        return action;
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
            MemberRef ref = e.action().member();
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
        highestNumber.putAll(count);
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

    /** The number of a member name {@code cN}, or -1 when the name has another form. */
    static int memberNumber(String name) {
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
