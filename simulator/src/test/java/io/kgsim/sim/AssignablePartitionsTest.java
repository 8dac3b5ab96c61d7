package io.kgsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kgsim.testing.Runs;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The partitions a settled group must own once each are those of the metadata its assignment was
 * computed from: the classic leader's, or the consumer protocol coordinator's at its last target
 * computation. Partitions added later count once an assignment has seen them, whoever computes it
 * (the classic leader notices them at its next metadata refresh, {@code metadata.max.age.ms}, 5 min).
 */
class AssignablePartitionsTest {
    private static String scenario(String protocol) {
        return """
                name: assignable
                seed: 3
                duration: 400s
                topics:
                  - name: orders
                    partitions: 6
                    produce:
                      rate: 100/s
                groups:
                  - group.id: g
                    subscription: [orders]
                    consumers: 3
                    config:
                      group.protocol: %s
                timeline:
                  - at: 50s
                    add-partitions: {topic: orders, count: 9}
                """.formatted(protocol);
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void partitionsAddedLaterAreCheckedOnceAnAssignmentHasSeenThem(String protocol) {
        ScenarioRun run = new ScenarioRun(Runs.parse(scenario(protocol)), RunOptions.strict());
        RunResult r = run.run();
        assertEquals(0, r.invariantViolations());
        GroupRuntime g = run.groups().get("g");
        List<TopicPartition> assignable = g.assignablePartitions();
        assertEquals(9, assignable.size(), protocol + ": " + assignable);
        assertEquals(new TopicPartition("orders", 8), assignable.get(8));
    }
}
