package io.kgsim.assignor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The input of random seeds 15426 and 20062, as real Kafka's leader builds it: its metadata
 * (up to metadata.max.age.ms old) still has 6 partitions of t, while members report owning
 * t-6..t-7 that a previous leader with fresher metadata handed out. AbstractStickyAssignor keeps
 * owned partitions by topic only, so the real CooperativeStickyAssignor throws; kgsim surfaces
 * that as AbstractCoordinator does (a failed join, rethrown by poll()) instead of crashing.
 */
class StaleLeaderMetadataTest {

    private static Cluster cluster(int partitions) {
        Node n = new Node(0, "b0", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo("t", p, n, new Node[] {n}, new Node[] {n}));
        }
        return new Cluster("kgsim", List.of(n), infos, Set.of(), Set.of());
    }

    private static ClassicLeaderAssignment.Member member(String id, int... owned) {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p : owned) {
            tps.add(new TopicPartition("t", p));
        }
        Subscription s = new Subscription(List.of("t"), null, tps, 12, Optional.empty());
        ByteBuffer buf = ConsumerProtocol.serializeSubscription(s);
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        return new ClassicLeaderAssignment.Member(id, null, bytes);
    }

    private static List<ClassicLeaderAssignment.Member> members() {
        // Seed 15426, generation 13: c4 (t-3, t-8) has left; the others rejoin with generation 12's partitions.
        return List.of(member("c1", 0, 2), member("c2", 5, 6), member("c3", 1, 7), member("c5", 4));
    }

    @Test
    void theRealStickyAssignorThrowsWhenOwnedPartitionsLieBeyondTheLeadersMetadata() {
        ClassicLeaderAssignment.AssignorFailed e = assertThrows(ClassicLeaderAssignment.AssignorFailed.class,
                () -> ClassicLeaderAssignment.perform(new CooperativeStickyAssignor(), RebalanceProtocol.COOPERATIVE, cluster(6), members()));
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
        assertEquals("No more unfilled consumers to be assigned.", e.getCause().getMessage());
    }

    @Test
    void withMetadataThatKnowsEveryPartitionTheSameCallSucceeds() {
        ClassicLeaderAssignment.Result r = ClassicLeaderAssignment.perform(new CooperativeStickyAssignor(), RebalanceProtocol.COOPERATIVE, cluster(9), members());
        assertEquals(4, r.assignments().size());
    }
}
