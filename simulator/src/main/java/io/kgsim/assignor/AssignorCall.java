package io.kgsim.assignor;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;

/**
 * One call of a real assignor by a group leader, as an observer sees it: what went in (the
 * cluster and every member's deserialized subscription) and what came out. Tests replay these
 * against a fresh instance of the same class to prove the simulator calls assignors faithfully.
 */
public record AssignorCall(
        long timeUs,
        String group,
        int generation,
        String assignorClass,
        Cluster cluster,
        Map<String, Subscription> subscriptions,
        GroupAssignment result) {

    /** Observer of assignor calls; most runs register none. */
    @FunctionalInterface
    public interface Listener {
        void onAssignorCall(AssignorCall call);
    }
}
