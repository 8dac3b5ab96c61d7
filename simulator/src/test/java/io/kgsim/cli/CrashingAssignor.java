package io.kgsim.cli;

import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;

/**
 * A user assignor with a bug the client does not catch: an {@link Error}, not a
 * RuntimeException, so it escapes the leader's poll() and stops the simulation itself.
 */
public class CrashingAssignor implements ConsumerPartitionAssignor {
    static final String MESSAGE = "assignor invariant broken";

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        throw new AssertionError(MESSAGE);
    }

    @Override
    public String name() {
        return "crashing";
    }
}
