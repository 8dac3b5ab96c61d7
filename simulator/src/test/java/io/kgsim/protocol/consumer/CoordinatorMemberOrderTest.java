package io.kgsim.protocol.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.coordinator.group.api.assignor.ConsumerGroupPartitionAssignor;
import org.apache.kafka.coordinator.group.api.assignor.GroupAssignment;
import org.apache.kafka.coordinator.group.api.assignor.GroupSpec;
import org.apache.kafka.coordinator.group.api.assignor.PartitionAssignorException;
import org.apache.kafka.coordinator.group.api.assignor.SubscribedTopicDescriber;
import org.apache.kafka.coordinator.group.assignor.UniformAssignor;
import org.junit.jupiter.api.Test;

/**
 * The assignor sees the members in the order Kafka's coordinator gives them: a {@code HashMap}
 * of member ids, filled from the group's {@code TimelineHashMap} with a joiner last, so two ids
 * of one bucket come in the coordinator's order, not in id order. The figures are a real Kafka
 * 4.4.0 broker's: its group coordinator's DEBUG log of the fidelity case simultaneous under
 * consumer-uniform printed each target in that order (c1 lVWd... and c4 93X4... share bucket 5).
 */
class CoordinatorMemberOrderTest {
    /** Every member-id order the assignor was called with, oldest first (one test at a time). */
    static final List<List<String>> CALLS = new ArrayList<>();

    /** The uniform assignor, recording the order of {@code GroupSpec.memberIds()}. */
    public static final class RecordingUniformAssignor implements ConsumerGroupPartitionAssignor {
        private final UniformAssignor uniform = new UniformAssignor();

        @Override
        public String name() {
            return "recording-uniform";
        }

        @Override
        public GroupAssignment assign(GroupSpec groupSpec, SubscribedTopicDescriber describer) throws PartitionAssignorException {
            CALLS.add(List.copyOf(groupSpec.memberIds()));
            return uniform.assign(groupSpec, describer);
        }
    }

    @Test
    void membersOfOneBucketComeInTheCoordinatorsOrderNotInIdOrder() {
        CALLS.clear();
        CoordinatorHarness h = new CoordinatorHarness(Map.of("a", 10),
                CoordinatorHarness.config(10_000, 2000, 1000, Integer.MAX_VALUE, List.of(RecordingUniformAssignor.class.getName())));
        String[][] members = {{"c1", "lVWdMv6OQwaPtZZsxMLg7Q"}, {"c2", "YoXawp3cToCv78SRcY0lIg"}, {"c3", "biHQWSLNSJW5KyPnIUU5bA"},
            {"c4", "93X4AtuRTGOtvGuU9P3eVQ"}, {"c5", "EAxftPAxSGqgLevSTly1aQ"}};
        // As on the real broker: c1..c4 each join after the assignment interval (each computes a
        // target); c5 joins 0.3 s after c4, within the interval, and c1's next heartbeat computes.
        for (String[] m : members) {
            var c = h.client(m[0]);
            c.memberId = m[1];
            c.subscription = List.of("a");
            h.at(h.nowMs() + (m[0].equals("c5") ? 300 : 1100));
            c.join();
        }
        h.at(h.nowMs() + 800);
        h.client("c1").heartbeat();
        assertEquals(5, CALLS.size(), "one target per join of c1..c4, then c1's heartbeat: " + CALLS);
        // The broker's log of the targets for epochs 5 (c4's join: the joiner last) and 6 (c1's
        // heartbeat: c5's two records grew the member table to 8 slots, which reordered it).
        assertEquals(List.of("biHQWSLNSJW5KyPnIUU5bA", "YoXawp3cToCv78SRcY0lIg", "lVWdMv6OQwaPtZZsxMLg7Q", "93X4AtuRTGOtvGuU9P3eVQ"),
                CALLS.get(3));
        assertEquals(List.of("biHQWSLNSJW5KyPnIUU5bA", "YoXawp3cToCv78SRcY0lIg", "EAxftPAxSGqgLevSTly1aQ", "lVWdMv6OQwaPtZZsxMLg7Q",
                "93X4AtuRTGOtvGuU9P3eVQ"), CALLS.get(4));
    }
}
