package io.kgsim.scenario;

import io.kgsim.engine.DurationDistribution;
import java.util.List;

/**
 * A consumer group: its subscription, how many members start at time zero (named c1..cN),
 * whether they use static membership ({@code group.instance.id} = member name), their
 * {@code client.rack} (round-robin over {@code racks}), processing cost, consumer config, and the
 * member ids the scenario fixes (none: every id is derived from the seed).
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
        List<FixedMemberIds> memberIds) {

    public GroupSpec {
        memberIds = List.copyOf(memberIds);
    }

    /** A group whose member ids are all derived from the seed. */
    public GroupSpec(String groupId, List<String> subscription, int consumers, boolean staticMembership, List<String> racks,
                     DurationDistribution processingPerRecord, CommitMode commitMode, ConsumerSettings config) {
        this(groupId, subscription, consumers, staticMembership, racks, processingPerRecord, commitMode, config, List.of());
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
        return new GroupSpec(groupId, subscription, consumers, staticMembership, racks, processingPerRecord, commitMode, newConfig, memberIds);
    }

    /** The same group with the member ids a program fixes (a replay passes those its real run got). */
    public GroupSpec withMemberIds(List<FixedMemberIds> ids) {
        return new GroupSpec(groupId, subscription, consumers, staticMembership, racks, processingPerRecord, commitMode, config, ids);
    }

    /** {@code client.rack} of the member numbered {@code n} (from 1), or null. */
    public String rackOf(int n) {
        return racks.isEmpty() ? null : racks.get((n - 1) % racks.size());
    }
}
