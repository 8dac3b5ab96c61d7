package io.kgsim.cli;

import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;

/** A user assignor that always throws, as a buggy one would: the leader's poll() fails fatally. */
public class FailingAssignor implements ConsumerPartitionAssignor {
    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        throw new IllegalStateException("no capacity model for this cluster");
    }

    @Override
    public String name() {
        return "failing";
    }
}
