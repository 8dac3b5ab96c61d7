package io.kgsim.replay.play;

import io.kgsim.replay.broker.BrokerTarget;
import io.kgsim.replay.member.MemberEvent;
import io.kgsim.replay.member.MemberEvent.Partition;
import io.kgsim.replay.member.MemberEvent.Type;
import io.kgsim.replay.record.OwnershipEvent;
import io.kgsim.replay.record.OwnershipEvent.Kind;
import io.kgsim.replay.record.Recording;
import io.kgsim.scenario.MemberRef;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Child lines in the recording's words: times from t0, scenario topic names, member ids in order, nothing after the end. */
class RecordingBuilderTest {
    private static final long T0 = 5_000_000_000L;
    private static final MemberRef C1 = new MemberRef("billing", "c1");

    /** An existing cluster's names: every topic prefixed. */
    private static final BrokerTarget PREFIXED = new BrokerTarget() {
        @Override
        public String bootstrapServers() {
            return "127.0.0.1:1";
        }

        @Override
        public String topicName(String scenarioTopic) {
            return "kgsim-replay-0123abcd-" + scenarioTopic;
        }

        @Override
        public String groupId(String scenarioGroup) {
            return "kgsim-replay-0123abcd-" + scenarioGroup;
        }

        @Override
        public Map<String, org.apache.kafka.common.Uuid> createTopics(Map<String, Integer> partitionsByScenarioTopic) {
            return Map.of();
        }

        @Override
        public void close() {
        }
    };

    @Test
    void childLinesBecomeOwnershipEvents() {
        TopicNames topics = new TopicNames(Scenarios.parse("""
            name: t
            duration: 10s
            topics:
              - name: orders
                partitions: 12
              - name: audit
                partitions: 2
            groups:
              - group.id: billing
                subscription: [orders, audit]
                consumers: 1
            """), PREFIXED);
        RecordingBuilder b = new RecordingBuilder(T0, 10_000_000, topics);
        String prefix = "kgsim-replay-0123abcd-";
        List<MemberEvent> first = List.of(
            line(Type.READY, -1_000_000_000, "", -1),
            line(Type.STARTED, 2_000_000, "", -1),
            line(Type.EPOCH, 300_000_000, "id-a", 1),
            new MemberEvent(Type.ASSIGNED, T0 + 300_100_000, "c1", "id-a", 1,
                List.of(new Partition(prefix + "audit", 1), new Partition(prefix + "orders", 2), new Partition(prefix + "orders", 10)), null));
        b.add(C1, first);
        b.killed(C1, T0 + 4_000_000_000L, first);
        b.add(C1, List.of(
            line(Type.STARTED, 5_000_000_000L, "", -1),
            line(Type.EPOCH, 5_500_000_000L, "id-b", 3),
            // a coordinator error the client treats as fatal ends the process as a close does
            new MemberEvent(Type.FAILED, T0 + 6_000_000_000L, "c1", "id-b", 3, List.of(),
                "org.apache.kafka.common.errors.UnreleasedInstanceIdException: the instance id is owned by another member"),
            line(Type.CLOSED, 10_000_001_000L, "id-b", 3)));   // after the duration: dropped
        Recording r = b.build(List.of());
        assertEquals(List.of(
            new OwnershipEvent(2_000, "billing", "c1", Kind.STARTED, List.of(), -1, ""),
            new OwnershipEvent(300_000, "billing", "c1", Kind.EPOCH, List.of(), 1, "id-a"),
            new OwnershipEvent(300_100, "billing", "c1", Kind.ASSIGNED, List.of("audit-1", "orders-2", "orders-10"), 1, "id-a"),
            new OwnershipEvent(4_000_000, "billing", "c1", Kind.KILLED, List.of(), 1, "id-a"),
            new OwnershipEvent(5_000_000, "billing", "c1", Kind.STARTED, List.of(), -1, ""),
            new OwnershipEvent(5_500_000, "billing", "c1", Kind.EPOCH, List.of(), 3, "id-b"),
            new OwnershipEvent(6_000_000, "billing", "c1", Kind.CLOSED, List.of(), 3, "id-b")), r.events());
        assertEquals(Map.of("billing/c1", List.of("id-a", "id-b")), r.memberIds());
    }

    private static MemberEvent line(Type type, long afterT0Nanos, String memberId, int generation) {
        return new MemberEvent(type, T0 + afterT0Nanos, "c1", memberId, generation, List.of(), null);
    }
}
