package io.kgsim.protocol.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.kgsim.engine.Durations;
import io.kgsim.testing.Ownership;
import io.kgsim.testing.Runs;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The consumer protocol's uniform assignor goes through a member's previous target, and through
 * the subscribed topics, in the hash order of their topic ids ({@code HashMap<Uuid, ...>},
 * {@code HashSet<Uuid>}), so which partitions a member keeps when it gives some up depends on the
 * ids the cluster drew for its topics. The figures are a real Kafka 4.4.0 broker's (its group
 * coordinator's DEBUG log of the fidelity case join-leave under consumer-uniform): with the
 * real run's member ids and topic ids, kgsim computes the targets that broker computed.
 */
class TopicIdOrderTest {
    private static final String A = "_7MUC2oCR3S3prTlnj_nGw";
    private static final String B = "99tDTUdxTgKu7BxrnRIGig";

    /** join-leave: c1 alone on a (6) and b (4); c2 joins at 13.5 s, c3 at 25.5 s; c2 leaves at 37.5 s. */
    private static String scenario(String idOfA, String idOfB) {
        return """
                name: topic-ids
                seed: 1
                duration: 50s
                cluster:
                  config:
                    group.consumer.session.timeout.ms: 10000
                    group.consumer.min.session.timeout.ms: 10000
                    group.consumer.heartbeat.interval.ms: 2000
                    group.consumer.min.heartbeat.interval.ms: 1000
                topics:
                  - {name: a, partitions: 6, topic.id: %s}
                  - {name: b, partitions: 4, topic.id: %s}
                groups:
                  - group.id: g
                    subscription: [a, b]
                    consumers: 1
                    members:
                      - {name: c1, member.id: FDW2p5hfQCCj0EPCP1GKxQ}
                      - {name: c2, member.id: dgrUPReVSBOXpY3iwiMInw}
                      - {name: c3, member.id: 8aIiL7hvTYaHucOOsLj9rg}
                    config:
                      group.protocol: consumer
                      group.remote.assignor: uniform
                timeline:
                  - {at: 13.5s, start: {group: g, count: 1}}
                  - {at: 25.5s, start: {group: g, count: 1}}
                  - {at: 37.5s, stop: g/c2}
                """.formatted(idOfA, idOfB);
    }

    /** member -> its partitions at each step's end (just before the next action). */
    private static Map<Integer, Map<String, TreeSet<String>>> assignments(Runs.Recorded r) {
        Map<Integer, Map<String, TreeSet<String>>> out = new TreeMap<>();
        long[] ends = {13_400, 25_400, 37_400, 49_900};
        for (int step = 0; step < ends.length; step++) {
            Map<String, TreeSet<String>> byMember = new TreeMap<>();
            Ownership.at(r.events(), Durations.ms(ends[step])).forEach((tp, owners) -> owners.forEach(
                    o -> byMember.computeIfAbsent(o, k -> new TreeSet<>()).add(tp)));
            out.put(step, byMember);
        }
        return out;
    }

    private static TreeSet<String> set(String... partitions) {
        return new TreeSet<>(java.util.List.of(partitions));
    }

    @Test
    void withTheRealRunsTopicIdsTheTargetsAreTheRealBrokers() {
        Runs.Recorded r = Runs.run(scenario(A, B));
        var got = assignments(r);
        // Epoch 3: c1 keeps its quota of 5 from a (a's id hashes first), gives a-5 and all of b up.
        assertEquals(Map.of("c1", set("a-0", "a-1", "a-2", "a-3", "a-4"), "c2", set("a-5", "b-0", "b-1", "b-2", "b-3")), got.get(1));
        // Epoch 4: each gives its last partitions in hash order up to c3.
        assertEquals(Map.of("c1", set("a-0", "a-1", "a-2", "a-3"), "c2", set("a-5", "b-0", "b-1"), "c3", set("a-4", "b-2", "b-3")),
                got.get(2));
        // Epoch 5: c2's partitions go to c1 (a-5) and c3 (b-0, b-1).
        assertEquals(Map.of("c1", set("a-0", "a-1", "a-2", "a-3", "a-5"), "c3", set("a-4", "b-0", "b-1", "b-2", "b-3")), got.get(3));
        assertEquals(0, r.result().invariantViolations());
    }

    @Test
    void otherTopicIdsGiveAnotherEquallyValidAssignment() {
        // The same two ids, swapped: b's now hashes first, so c1 keeps b and one partition of a.
        var swapped = assignments(Runs.run(scenario(B, A)));
        assertEquals(Map.of("c1", set("a-0", "b-0", "b-1", "b-2", "b-3"), "c2", set("a-1", "a-2", "a-3", "a-4", "a-5")), swapped.get(1));
        assertNotEquals(assignments(Runs.run(scenario(A, B))).get(2), swapped.get(2));
    }
}
