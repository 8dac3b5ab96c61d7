package io.kgsim.scenario;

import io.kgsim.engine.DurationDistribution;
import java.util.List;

/**
 * A consumer group: its subscription, how many members start at time zero (named c1..cN),
 * whether they use static membership ({@code group.instance.id} = member name), their
 * {@code client.rack} (round-robin over {@code racks}), processing cost, and consumer config.
 */
public record GroupSpec(
        String groupId,
        List<String> subscription,
        int consumers,
        boolean staticMembership,
        List<String> racks,
        DurationDistribution processingPerRecord,
        CommitMode commitMode,
        ConsumerSettings config) {

    /** {@code client.rack} of the member numbered {@code n} (from 1), or null. */
    public String rackOf(int n) {
        return racks.isEmpty() ? null : racks.get((n - 1) % racks.size());
    }
}
