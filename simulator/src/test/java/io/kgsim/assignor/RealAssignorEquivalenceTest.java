package io.kgsim.assignor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.cluster.Partitions;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.testing.Runs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator hands members exactly what the real assignor computes: every call the leader
 * made is replayed on a fresh instance of the same class with the same cluster and
 * subscriptions, and what members were synced is compared with the call's result.
 */
class RealAssignorEquivalenceTest {

    private static String scenario(String strategy) {
        return """
                name: equivalence
                seed: 99
                duration: 5m
                cluster:
                  brokers: 3
                  racks: [az1, az2, az3]
                network:
                  latency: lognormal(1ms, 0.3)
                topics:
                  - name: orders
                    partitions: 7
                    replication.factor: 2
                  - name: refunds
                    partitions: 5
                    replication.factor: 2
                groups:
                  - group.id: billing
                    subscription: [orders, refunds]
                    consumers: 4
                    racks: [az1, az2]
                    config:
                      partition.assignment.strategy: %s
                timeline:
                  - at: 20s
                    crash: billing/c3
                  - at: 90s
                    start: {group: billing, count: 2}
                  - at: 120s
                    rolling-restart: {group: billing, interval: 30s, downtime: 5s}
                """.formatted(strategy);
    }

    @ParameterizedTest
    @ValueSource(strings = {"range", "roundrobin", "sticky", "cooperative-sticky", "io.kgsim.assignor.ReverseRangeAssignor"})
    void everyAssignmentIsWhatTheRealAssignorComputesOnTheSameInputs(String strategy) throws Exception {
        Runs.Recorded r = Runs.run(scenario(strategy));
        assertTrue(r.calls().size() >= 8, "calls: " + r.calls().size());
        int syncedChecked = 0;
        for (AssignorCall call : r.calls()) {
            ConsumerPartitionAssignor fresh = (ConsumerPartitionAssignor) Class.forName(call.assignorClass()).getConstructor().newInstance();
            GroupAssignment replay = fresh.assign(call.cluster(), new GroupSubscription(call.subscriptions()));
            assertEquals(asLists(call.result()), asLists(replay), "generation " + call.generation() + " of " + strategy);

            // What members were synced in that generation is the call's result, member for member.
            Map<String, List<TopicPartition>> synced = new TreeMap<>();
            for (GroupEvent e : r.filter(e -> e.type() == GroupEventType.SYNCED && e.epoch().generation() == call.generation())) {
                synced.put(e.member(), e.partitions());
            }
            Map<String, List<TopicPartition>> computed = new TreeMap<>();
            asLists(call.result()).forEach((id, parts) -> computed.put(id.substring(0, id.indexOf('-')), parts));
            for (Map.Entry<String, List<TopicPartition>> e : synced.entrySet()) {
                assertEquals(computed.get(e.getKey()), e.getValue(), "synced " + e.getKey() + " in generation " + call.generation());
                syncedChecked++;
            }
        }
        // The member-by-member loop above passes on no SYNCED event at all: count what it compared.
        assertTrue(syncedChecked >= r.calls().size(), "synced assignments compared: " + syncedChecked + " for " + r.calls().size() + " calls");
    }

    @Test
    void racksReachTheAssignorAsInProduction() {
        Runs.Recorded r = Runs.run(scenario("range"));
        AssignorCall first = r.calls().get(0);
        assertFalse(first.subscriptions().isEmpty(), "the first call has members");
        for (Subscription s : first.subscriptions().values()) {
            assertTrue(s.rackId().isPresent(), "client.rack travels in the subscription");
        }
        assertEquals("az1", first.cluster().nodeById(0).rack());
        assertFalse(first.cluster().partitionsForTopic("orders").isEmpty());
        assertEquals(2, first.cluster().partitionsForTopic("orders").get(0).replicas().length);
        assertTrue(first.cluster().topicId("orders") != null, "topic ids are set (assignors key maps by them)");
    }

    /** The initial assignment, checked against subscriptions this test builds itself. */
    @Test
    void theFirstRangeAssignmentMatchesADirectCallOnFreshSubscriptions() {
        Runs.Recorded r = Runs.run(scenario("range"));
        AssignorCall first = r.calls().get(0);
        Map<String, Subscription> mine = new HashMap<>();
        for (Map.Entry<String, Subscription> e : first.subscriptions().entrySet()) {
            mine.put(e.getKey(), new Subscription(List.of("orders", "refunds"), null, List.of(), -1, e.getValue().rackId()));
        }
        GroupAssignment direct = new RangeAssignor().assign(first.cluster(), new GroupSubscription(mine));
        assertEquals(asLists(direct), asLists(first.result()));
        List<TopicPartition> all = new java.util.ArrayList<>();
        asLists(direct).values().forEach(all::addAll);
        assertEquals(12, Partitions.sortedSet(all).size());
    }

    private static Map<String, List<TopicPartition>> asLists(GroupAssignment a) {
        Map<String, List<TopicPartition>> out = new TreeMap<>();
        for (Map.Entry<String, Assignment> e : a.groupAssignment().entrySet()) {
            out.put(e.getKey(), Partitions.sorted(e.getValue().partitions()));
        }
        return out;
    }

}
