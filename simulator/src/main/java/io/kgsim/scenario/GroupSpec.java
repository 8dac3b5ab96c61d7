package io.kgsim.scenario;

import io.kgsim.engine.DurationDistribution;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A consumer group: its subscription, how many members start at time zero (named c1..cN),
 * whether they use static membership ({@code group.instance.id} = member name), their
 * {@code client.rack} (round-robin over {@code racks}), processing cost, consumer config, the
 * member ids the scenario fixes (none: every id is derived from the seed), and the members that
 * subscribe to other topics than the group's {@code subscription}.
 *
 * @param subscription        the subscription of every member without its own
 * @param memberSubscriptions member name -> its own subscription (scenario order), from its first
 *                            process start on; the timeline's {@code subscribe} changes it later
 */
public record GroupSpec(
        String groupId,
        List<String> subscription,
        int consumers,
        boolean staticMembership,
        List<String> racks,
        DurationDistribution processingPerRecord,
        CommitMode commitMode,
        ConsumerSettings config,
        List<FixedMemberIds> memberIds,
        SortedMap<String, List<String>> memberSubscriptions) {

    public GroupSpec {
        subscription = List.copyOf(subscription);
        memberIds = List.copyOf(memberIds);
        SortedMap<String, List<String>> own = new TreeMap<>();
        memberSubscriptions.forEach((name, topics) -> own.put(name, List.copyOf(topics)));
        memberSubscriptions = Collections.unmodifiableSortedMap(own);
    }

    /** A group whose member ids are all derived from the seed and whose members all take the group's subscription. */
    public GroupSpec(String groupId, List<String> subscription, int consumers, boolean staticMembership, List<String> racks,
                     DurationDistribution processingPerRecord, CommitMode commitMode, ConsumerSettings config) {
        this(groupId, subscription, consumers, staticMembership, racks, processingPerRecord, commitMode, config, List.of(), new TreeMap<>());
    }

    /** The subscription the member {@code name} starts with: its own, or the group's. */
    public List<String> subscriptionOf(String name) {
        return memberSubscriptions.getOrDefault(name, subscription);
    }

    /**
     * Every topic a member of the group subscribes to when it starts, sorted: the group's
     * subscription and the members' own (the timeline's {@code subscribe} can add more).
     */
    public SortedSet<String> subscribedTopics() {
        SortedSet<String> topics = new TreeSet<>(subscription);
        memberSubscriptions.values().forEach(topics::addAll);
        return Collections.unmodifiableSortedSet(topics);
    }

    /** The ids the scenario fixes for the member {@code name}, in the order it gets them; empty when none. */
    public List<String> memberIdsOf(String name) {
        for (FixedMemberIds m : memberIds) {
            if (m.name().equals(name)) {
                return m.ids();
            }
        }
        return List.of();
    }

    /** The same group with another consumer config (the command line's {@code --strategy}). */
    public GroupSpec withConfig(ConsumerSettings newConfig) {
        return new GroupSpec(groupId, subscription, consumers, staticMembership, racks, processingPerRecord, commitMode, newConfig, memberIds,
                memberSubscriptions);
    }

    /** The same group with the member ids a program fixes (a replay passes those its real run got). */
    public GroupSpec withMemberIds(List<FixedMemberIds> ids) {
        return new GroupSpec(groupId, subscription, consumers, staticMembership, racks, processingPerRecord, commitMode, config, ids,
                memberSubscriptions);
    }

    /** The same group with another number of members at time zero (a replay starts the others itself, spaced in time). */
    public GroupSpec withConsumers(int count) {
        return new GroupSpec(groupId, subscription, count, staticMembership, racks, processingPerRecord, commitMode, config, memberIds,
                memberSubscriptions);
    }

    /** {@code client.rack} of the member numbered {@code n} (from 1), or null. */
    public String rackOf(int n) {
        return racks.isEmpty() ? null : racks.get((n - 1) % racks.size());
    }
}
