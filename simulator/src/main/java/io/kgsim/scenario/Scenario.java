package io.kgsim.scenario;

import java.util.List;

/**
 * A scenario as loaded and validated: everything a run needs, nothing left to parse.
 *
 * @param warnings what the loader accepted but wants the user to know ("accepted, not modelled"
 *                 Kafka configs), each starting with file:line:column
 */
public record Scenario(
        String file,
        String name,
        String description,
        long seed,
        long durationUs,
        ClusterSpec cluster,
        NetworkSpec network,
        List<TopicSpec> topics,
        List<GroupSpec> groups,
        List<TimelineEntry> timeline,
        List<String> compare,
        SimulationSpec simulation,
        List<String> warnings) {

    public Scenario {
        warnings = List.copyOf(warnings);
    }

    public TopicSpec topic(String name) {
        for (TopicSpec t : topics) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    public GroupSpec group(String id) {
        for (GroupSpec g : groups) {
            if (g.groupId().equals(id)) {
                return g;
            }
        }
        return null;
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(file, name, description, newSeed, durationUs, cluster, network, topics, groups, timeline, compare, simulation, warnings);
    }

    public Scenario withGroups(List<GroupSpec> newGroups) {
        return new Scenario(file, name, description, seed, durationUs, cluster, network, topics, newGroups, timeline, compare, simulation, warnings);
    }

    public Scenario withTopics(List<TopicSpec> newTopics) {
        return new Scenario(file, name, description, seed, durationUs, cluster, network, newTopics, groups, timeline, compare, simulation, warnings);
    }

    public Scenario withTimeline(List<TimelineEntry> newTimeline) {
        return new Scenario(file, name, description, seed, durationUs, cluster, network, topics, groups, newTimeline, compare, simulation, warnings);
    }
}
