package io.kgsim.protocol.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kgsim.protocol.GroupEventType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.internals.LogContext;
import org.apache.kafka.coordinator.group.GroupCoordinatorRecordHelpers;
import org.apache.kafka.coordinator.group.api.assignor.ConsumerGroupPartitionAssignor;
import org.apache.kafka.coordinator.group.api.assignor.GroupAssignment;
import org.apache.kafka.coordinator.group.api.assignor.MemberAssignment;
import org.apache.kafka.coordinator.group.api.assignor.SubscribedTopicDescriber;
import org.apache.kafka.coordinator.group.api.assignor.SubscriptionType;
import org.apache.kafka.coordinator.group.assignor.RangeAssignor;
import org.apache.kafka.coordinator.group.assignor.UniformAssignor;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupTargetAssignmentMemberValue;
import org.apache.kafka.coordinator.group.modern.Assignment;
import org.apache.kafka.coordinator.group.modern.GroupSpecImpl;
import org.apache.kafka.coordinator.group.modern.MemberSubscriptionAndAssignmentImpl;
import org.apache.kafka.timeline.SnapshotRegistry;
import org.apache.kafka.timeline.TimelineHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every target the coordinator computes equals what a fresh instance of the same Kafka assignor
 * returns when called directly through its public API with the same members, subscriptions and
 * previous target: the coordinator feeds the real assignor faithfully, stickiness included.
 */
class RealAssignorTargetTest {

    @ParameterizedTest(name = "{0}, heterogeneous={1}")
    @CsvSource({"uniform, false", "uniform, true", "range, false", "range, true"})
    void everyComputedTargetEqualsTheAssignorCalledDirectly(String assignor, boolean heterogeneous) {
        CoordinatorHarness h = new CoordinatorHarness(Map.of("t", 7, "u", 5),
                CoordinatorHarness.config(45_000, 5000, 0, Integer.MAX_VALUE, List.of(assignor)));
        Random random = new Random(11);
        Map<String, List<String>> subscriptions = new TreeMap<>();
        // The previous targets as Kafka's coordinator keeps them: replayed from the records it wrote.
        Map<String, Assignment> stored = new HashMap<>();
        // The coordinator's member order: Kafka's own TimelineHashMap, put by each record of a member (a joiner comes last).
        TimelineHashMap<String, String> order = new TimelineHashMap<>(new SnapshotRegistry(new LogContext()), 0);
        List<String> names = List.of("c1", "c2", "c3", "c4", "c5", "c6");
        int checked = 0;
        for (int i = 0; i < names.size(); i++) {
            var c = h.client(names.get(i));
            c.memberId = new Uuid(random.nextLong(), random.nextLong()).toString();   // as KIP-1082 clients make them
            c.subscription = heterogeneous && i % 3 == 1 ? List.of("u") : List.of("t", "u");
            subscriptions.put(c.memberId, c.subscription);
            h.at(h.nowMs() + 100);
            c.join();
            List<String> joinerLast = new ArrayList<>(order.keySet());
            joinerLast.add(c.memberId);
            store(stored, assertTargetEqualsDirectCall(h, assignor, subscriptions, stored, joinerLast));
            order.put(c.memberId, c.memberId);   // the join's member metadata record...
            order.put(c.memberId, c.memberId);   // ...and its current assignment record
            checked++;
        }
        // A leave, then the heartbeat that computes the next target.
        var leaver = h.client("c2");
        leaver.leave(ConsumerGroupHeartbeatRequest.LEAVE_GROUP_MEMBER_EPOCH);
        subscriptions.remove(leaver.memberId);
        stored.remove(leaver.memberId);
        order.remove(leaver.memberId);
        h.at(h.nowMs() + 100);
        h.client("c1").heartbeat();
        assertTargetEqualsDirectCall(h, assignor, subscriptions, stored, new ArrayList<>(order.keySet()));
        assertEquals(checked + 1, h.events(GroupEventType.ASSIGNMENT_COMPUTED).size());
    }

    /** What the coordinator keeps of a computed target: a record, replayed, for each member whose target changed. */
    private static void store(Map<String, Assignment> stored, GroupAssignment computed) {
        computed.members().forEach((id, a) -> {
            if (!new Assignment(a.partitions()).equals(stored.get(id))) {
                var value = (ConsumerGroupTargetAssignmentMemberValue) GroupCoordinatorRecordHelpers
                        .newConsumerGroupTargetAssignmentRecord(CoordinatorHarness.GROUP, id, a.partitions()).value().message();
                stored.put(id, Assignment.fromRecord(value));
            }
        });
    }

    private static GroupAssignment assertTargetEqualsDirectCall(CoordinatorHarness h, String assignorName, Map<String, List<String>> subscriptions,
                                                                Map<String, Assignment> stored, List<String> coordinatorOrder) {
        ConsumerGroupPartitionAssignor assignor = assignorName.equals("uniform") ? new UniformAssignor() : new RangeAssignor();
        Map<String, MemberSubscriptionAndAssignmentImpl> members = new HashMap<>();
        Map<Uuid, Map<Integer, String>> inverted = new HashMap<>();
        for (String id : coordinatorOrder) {               // members in the coordinator's order: the HashMap keeps it within a bucket
            Set<Uuid> topicIds = new HashSet<>();
            subscriptions.get(id).forEach(t -> topicIds.add(h.cluster.topicId(t)));
            Assignment prev = stored.getOrDefault(id, Assignment.EMPTY);
            prev.partitions().forEach((topicId, ps) -> ps.forEach(p -> inverted.computeIfAbsent(topicId, k -> new HashMap<>()).put(p, id)));
            members.put(id, new MemberSubscriptionAndAssignmentImpl(Optional.empty(), Optional.empty(), topicIds, prev));
        }
        SubscriptionType type = new HashSet<>(subscriptions.values()).size() == 1 ? SubscriptionType.HOMOGENEOUS : SubscriptionType.HETEROGENEOUS;
        SubscribedTopicDescriber describer = new SubscribedTopicDescriber() {
            @Override
            public int numPartitions(Uuid topicId) {
                for (String t : List.of("t", "u")) {
                    if (h.cluster.topicId(t).equals(topicId)) {
                        return h.cluster.partitionCount(t);
                    }
                }
                return -1;
            }

            @Override
            public Set<String> racksForPartition(Uuid topicId, int partition) {
                return Set.of();
            }
        };
        GroupAssignment expected = assignor.assign(new GroupSpecImpl(members, type, inverted), describer);
        for (String id : subscriptions.keySet()) {
            MemberAssignment a = expected.members().get(id);
            List<String> want = new ArrayList<>();
            if (a != null) {
                a.partitions().forEach((topicId, ps) -> ps.forEach(p -> want.add(name(h, topicId) + "-" + p)));
            }
            List<String> got = h.coordinator.targetAssignment(CoordinatorHarness.GROUP, id).stream().map(TopicPartition::toString).toList();
            assertEquals(new TreeSet<>(want), new TreeSet<>(got), "target of " + id + " at epoch " + h.groupEpoch());
        }
        return expected;
    }

    private static String name(CoordinatorHarness h, Uuid topicId) {
        return h.cluster.topicId("t").equals(topicId) ? "t" : "u";
    }
}
