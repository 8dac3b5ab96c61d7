package io.kgsim.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a group's {@code members} list, the member ids the scenario fixes: one entry per member
 * name, with {@code member.id} (one id) or {@code member.ids} (one per id the member gets, in
 * order). Checks each id's form for the group's protocol ({@link MemberIdFormat}), names written
 * twice and ids given twice in the group; whether each name exists is known only once the timeline
 * is read ({@link #checkNames}).
 */
final class MemberIdsReader {
    private final Set<String> asked;

    MemberIdsReader(Set<String> asked) {
        this.asked = asked;
    }

    /** The fixed ids of the group being read by {@code group}, in file order; empty without {@code members}. */
    List<FixedMemberIds> read(MappingReader group, String groupId, GroupProtocol protocol) throws ScenarioException {
        List<FixedMemberIds> out = new ArrayList<>();
        Map<String, Location> names = new HashMap<>();
        Map<String, String> owners = new HashMap<>();
        for (YamlNode node : group.list("members")) {
            MappingReader m = new MappingReader(node, "a member of group '" + groupId + "'", "groups[].members[]", asked);
            String name = m.requiredString("name", "the member's name, c1, c2, ...");
            if (names.putIfAbsent(name, m.get("name").location()) != null) {
                throw new ScenarioException(m.get("name").location(), "group '" + groupId + "' lists member " + name
                        + " twice under 'members' (first at " + names.get(name) + "): give all its ids in one 'member.ids'");
            }
            FixedMemberIds ids = ids(m, groupId, name, protocol);
            for (int i = 0; i < ids.ids().size(); i++) {
                String previous = owners.putIfAbsent(ids.ids().get(i), name);
                if (previous != null) {
                    throw new ScenarioException(ids.at(i), "group '" + groupId + "': the member id '" + ids.ids().get(i) + "' is given twice ("
                            + (previous.equals(name) ? "both to " + name : "to " + previous + " and to " + name)
                            + "); Kafka never hands out one member id twice in a group");
                }
            }
            m.rejectUnknown();
            out.add(ids);
        }
        return out;
    }

    private static FixedMemberIds ids(MappingReader m, String groupId, String name, GroupProtocol protocol) throws ScenarioException {
        boolean one = m.has("member.id");
        boolean many = m.has("member.ids");
        if (one == many) {
            throw new ScenarioException(one ? m.keyLocation("member.ids") : m.location(), "member " + name + " of group '" + groupId
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
    static void checkNames(List<GroupSpec> groups, Map<String, Integer> highestNumber) throws ScenarioException {
        for (GroupSpec g : groups) {
            int n = highestNumber.get(g.groupId());
            for (FixedMemberIds m : g.memberIds()) {
                int number = TimelineLoader.memberNumber(m.name());
                if (number < 1 || number > n) {
                    List<String> known = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        known.add("c" + i);
                    }
                    throw new ScenarioException(m.nameAt(), "group '" + g.groupId() + "' never has a member named '" + m.name() + "' to give ids to: "
                            + (n == 0 ? "it has no members" : "its members are c1..c" + n + " (from 'consumers' and the timeline's starts)")
                            + Suggestions.didYouMean(m.name(), known));
                }
            }
        }
    }
}
