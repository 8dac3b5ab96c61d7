package io.kgsim.assignor;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.Cluster;

/**
 * One call of a real assignor by a group leader, as an observer sees it: what went in (the
 * cluster and every member's subscription, as the bytes it sent) and what came out. Tests
 * replay these against a fresh instance of the same class to prove the simulator calls
 * assignors faithfully.
 */
public record AssignorCall(
        long timeUs,
        String group,
        int generation,
        String assignorClass,
        Cluster cluster,
        List<ClassicLeaderAssignment.Member> members,
        GroupAssignment result) {

    /** The subscriptions as the leader deserialized them: fresh objects on every call. */
    public Map<String, Subscription> subscriptions() {
        Map<String, Subscription> out = new HashMap<>();
        for (ClassicLeaderAssignment.Member m : members) {
            Subscription s = ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(m.metadata()));
            s.setGroupInstanceId(Optional.ofNullable(m.groupInstanceId()));
            out.put(m.memberId(), s);
        }
        return out;
    }

    /** Observer of assignor calls; most runs register none. */
    @FunctionalInterface
    public interface Listener {
        void onAssignorCall(AssignorCall call);
    }
}
