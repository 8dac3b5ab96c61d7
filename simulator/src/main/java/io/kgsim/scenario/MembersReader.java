package io.kgsim.scenario;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the groups' {@code members} lists: one entry per member name, with what the scenario
 * fixes for that member: its ids ({@code member.id}, one id, or {@code member.ids}, one per id
 * the member gets, in order) and its own {@code subscription}, at least one of the two. Checks
 * each id's form for the group's protocol ({@link MemberIdFormat}), names written twice, ids
 * given twice in the group and topics that do not exist; whether each name is a member the group
 * has is known only once the timeline is read ({@link #checkNames}). One reader reads every group
 * of a scenario, so that it remembers where each name is written until then.
 */
final class MembersReader {
    private final Set<String> asked;
    private final Collection<String> topics;
    /** Group id -> member name -> where the name is written, in file order, for {@link #checkNames}. */
    private final Map<String, Map<String, Location>> names = new LinkedHashMap<>();

    /** A group's {@code members}: the ids it fixes, in file order, and the members' own subscriptions by name. */
    record Members(List<FixedMemberIds> ids, SortedMap<String, List<String>> subscriptions) {
    }

    /**
     * @param topics the scenario's topic names (read before the groups)
     */
    MembersReader(Set<String> asked, Collection<String> topics) {
        this.asked = asked;
        this.topics = topics;
    }

    /** The {@code members} of the group being read by {@code group}; both parts empty without the key. */
    Members read(MappingReader group, String groupId, GroupProtocol protocol) throws ScenarioException {
        List<FixedMemberIds> ids = new ArrayList<>();
        SortedMap<String, List<String>> subscriptions = new TreeMap<>();
        Map<String, Location> groupNames = new LinkedHashMap<>();
        Map<String, String> owners = new HashMap<>();
        for (YamlNode node : group.list("members")) {
            MappingReader m = new MappingReader(node, "a member of group '" + groupId + "'", "groups[].members[]", asked);
            String name = m.requiredString("name", "the member's name, c1, c2, ...");
            if (groupNames.putIfAbsent(name, m.get("name").location()) != null) {
                throw new ScenarioException(m.get("name").location(), "group '" + groupId + "' lists member " + name
                        + " twice under 'members' (first at " + groupNames.get(name) + "): give all its ids (in one 'member.ids') and its "
                        + "subscription in one entry");
            }
            boolean hasId = m.has("member.id");
            boolean hasIds = m.has("member.ids") || hasId;
            boolean hasSubscription = m.has("subscription");
            // A misspelled key is the likeliest reason for an entry that fixes nothing: say so first.
            m.rejectUnknown();
            if (!hasIds && !hasSubscription) {
                throw new ScenarioException(m.location(), "member " + name + " of group '" + groupId + "' fixes nothing: give its id "
                        + "('member.id', or 'member.ids' for one per id it gets), its own 'subscription', or both");
            }
            if (hasIds) {
                FixedMemberIds fixed = ids(m, groupId, name, protocol);
                checkUnique(fixed, owners, groupId);
                ids.add(fixed);
            }
            if (hasSubscription) {
                subscriptions.put(name, subscription(m, groupId, name));
            }
        }
        names.put(groupId, groupNames);
        return new Members(ids, subscriptions);
    }

    /** The member's own subscription: non-empty, every topic one of the scenario's. */
    private List<String> subscription(MappingReader m, String groupId, String name) throws ScenarioException {
        List<String> topicsOf = SubscriptionReader.read(m, "member " + name + " of group '" + groupId + "'", topics);
        if (topicsOf.isEmpty()) {
            throw new ScenarioException(m.get("subscription").location(), "'subscription' of member " + name
                    + " is empty: give at least one topic (leave the key out for the group's subscription)");
        }
        return topicsOf;
    }

    /** Kafka never hands out one member id twice in a group: {@code owners} maps each id read so far to its member. */
    private static void checkUnique(FixedMemberIds fixed, Map<String, String> owners, String groupId) throws ScenarioException {
        for (int i = 0; i < fixed.ids().size(); i++) {
            String previous = owners.putIfAbsent(fixed.ids().get(i), fixed.name());
            if (previous != null) {
                throw new ScenarioException(fixed.at(i), "group '" + groupId + "': the member id '" + fixed.ids().get(i) + "' is given twice ("
                        + (previous.equals(fixed.name()) ? "both to " + fixed.name() : "to " + previous + " and to " + fixed.name())
                        + "); Kafka never hands out one member id twice in a group");
            }
        }
    }

    private static FixedMemberIds ids(MappingReader m, String groupId, String name, GroupProtocol protocol) throws ScenarioException {
        boolean one = m.has("member.id");
        boolean many = m.has("member.ids");
        if (one && many) {
            throw new ScenarioException(m.keyLocation("member.ids"), "member " + name + " of group '" + groupId
                    + "' needs exactly one of 'member.id' (one id) and 'member.ids' (a list, one id per id the member gets)");
        }
        List<YamlNode> nodes = one ? List.of(m.get("member.id")) : m.list("member.ids");
        if (nodes.isEmpty()) {
            throw new ScenarioException(m.get("member.ids").location(), "'member.ids' of member " + name + " is empty: give at least one id");
        }
        List<String> ids = new ArrayList<>();
        List<Location> at = new ArrayList<>();
        for (YamlNode n : nodes) {
            String id = MappingReader.scalar(n, one ? "member.id" : "member.ids");
            String problem = MemberIdFormat.problem(protocol, id);
            if (problem != null) {
                throw new ScenarioException(n.location(), "member " + name + " of group '" + groupId + "' (" + protocol.configValue()
                        + " protocol): " + problem);
            }
            ids.add(id);
            at.add(n.location());
        }
        return new FixedMemberIds(name, ids, at, m.get("name").location());
    }

    /**
     * Every name under {@code members} must be a member the group has at some time: c1..cN, N the
     * highest member number {@code consumers} and the timeline's starts and scale-ups reach.
     */
    void checkNames(Map<String, Integer> highestNumber) throws ScenarioException {
        for (Map.Entry<String, Map<String, Location>> g : names.entrySet()) {
            int n = highestNumber.get(g.getKey());
            for (Map.Entry<String, Location> member : g.getValue().entrySet()) {
                int number = TimelineLoader.memberNumber(member.getKey());
                if (number < 1 || number > n) {
                    List<String> known = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        known.add("c" + i);
                    }
                    throw new ScenarioException(member.getValue(), "group '" + g.getKey() + "' never has a member named '" + member.getKey()
                            + "' to list under 'members': "
                            + (n == 0 ? "it has no members" : "its members are c1..c" + n + " (from 'consumers' and the timeline's starts)")
                            + Suggestions.didYouMean(member.getKey(), known));
                }
            }
        }
    }
}
