package io.kgsim.protocol.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kgsim.cluster.Partitions;
import io.kgsim.engine.Simulation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.internals.LogContext;
import org.apache.kafka.coordinator.group.CommitPartitionValidator;
import org.apache.kafka.coordinator.group.GroupMetadataManager;
import org.apache.kafka.coordinator.group.modern.MemberState;
import org.apache.kafka.timeline.SnapshotRegistry;
import org.junit.jupiter.api.Test;

/**
 * The rules kgsim re-implements because Kafka keeps them inside classes it cannot call on their
 * own ({@code ConsumerGroup} needs a snapshot registry and the group's whole record history;
 * {@code canComputeNextTargetAssignment} is package-private), checked case by case against
 * Kafka's own code.
 */
class KafkaRulesEquivalenceTest {
    private static final Uuid T = Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAQ");

    @Test
    void offsetCommitValidationAgreesWithKafkasConsumerGroupOnEveryEpochAndPartition() {
        // Member at epoch 5 (previous 3): t-0 assigned at 2, t-1 at 5, t-2 at 4; t-3 pending revocation since 3.
        Map<Integer, Integer> assigned = Map.of(0, 2, 1, 5, 2, 4);
        Map<Integer, Integer> pending = Map.of(3, 3);
        var kafkaGroup = new org.apache.kafka.coordinator.group.modern.consumer.ConsumerGroup(new LogContext(),
                new SnapshotRegistry(new LogContext()), "g");
        kafkaGroup.updateMember(new org.apache.kafka.coordinator.group.modern.consumer.ConsumerGroupMember.Builder("m")
                .setMemberEpoch(5).setPreviousMemberEpoch(3).setState(MemberState.UNREVOKED_PARTITIONS)
                .setSubscribedTopicNames(List.of("t"))
                .setAssignedPartitions(Map.of(T, new HashMap<>(assigned)))
                .setPartitionsPendingRevocation(Map.of(T, new HashMap<>(pending)))
                .build());
        ConsumerGroup ours = new ConsumerGroup("g", new Simulation(1));
        ConsumerGroupMember m = new ConsumerGroupMember("m");
        m.assignment = new CurrentAssignment(ConsumerGroupMemberState.UNREVOKED_PARTITIONS, 5, 3, byPartition(assigned), byPartition(pending));
        ours.add(m);
        int cases = 0;
        for (String memberId : List.of("m", "ghost")) {
            for (int epoch = -1; epoch <= 7; epoch++) {
                for (List<Integer> partitions : List.of(List.of(0), List.of(1), List.of(2), List.of(3), List.of(4), List.of(0, 1), List.of(0, 4))) {
                    List<TopicPartition> tps = new ArrayList<>();
                    partitions.forEach(p -> tps.add(new TopicPartition("t", p)));
                    Errors expected = kafka(kafkaGroup, memberId, epoch, partitions);
                    assertEquals(expected, OffsetCommitValidation.validate(ours, memberId, epoch, tps),
                            memberId + " commits " + partitions + " at epoch " + epoch);
                    cases++;
                }
            }
        }
        assertEquals(126, cases);
    }

    private static Errors kafka(org.apache.kafka.coordinator.group.modern.consumer.ConsumerGroup g, String memberId, int epoch, List<Integer> partitions) {
        try {
            CommitPartitionValidator v = g.validateOffsetCommit(memberId, null, epoch, false, 10);
            for (int p : partitions) {
                v.validate("t", T, p);
            }
            return Errors.NONE;
        } catch (ApiException e) {
            return Errors.forException(e);
        }
    }

    private static TreeMap<TopicPartition, Integer> byPartition(Map<Integer, Integer> epochs) {
        TreeMap<TopicPartition, Integer> out = new TreeMap<>(Partitions.ORDER);
        epochs.forEach((p, e) -> out.put(new TopicPartition("t", p), e));
        return out;
    }

    @Test
    void theAssignmentIntervalGateAgreesWithKafkasOnce() throws Exception {
        Method kafka = GroupMetadataManager.class.getDeclaredMethod("canComputeNextTargetAssignment", long.class, int.class, long.class);
        kafka.setAccessible(true);
        int cases = 0;
        for (long last : new long[] {1, 999, 1000, 5000}) {
            for (int interval : new int[] {0, 1, 1000, 15_000}) {
                for (long now = last; now <= last + 16_000; now += 250) {
                    assertEquals(kafka.invoke(null, last, interval, now),
                            HeartbeatHandler.canComputeNextTargetAssignment(last, interval, now), last + " + " + interval + " at " + now);
                    cases++;
                }
            }
        }
        // Kafka's "never computed" is timestamp 0; kgsim's is NO_ASSIGNMENT_TIMESTAMP, since its clock starts at 0.
        assertEquals(true, kafka.invoke(null, 0L, 15_000, 10L));
        assertEquals(true, HeartbeatHandler.canComputeNextTargetAssignment(ConsumerGroup.NO_ASSIGNMENT_TIMESTAMP, 15_000, 10L));
        assertEquals(false, HeartbeatHandler.canComputeNextTargetAssignment(0L, 15_000, 10L), "a computation at t=0 counts");
        assertEquals(16 * 65, cases);
    }
}
