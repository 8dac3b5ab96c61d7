package io.kgsim.protocol.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.scenario.ConsumerGroupBrokerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/**
 * A consumer-protocol heartbeat that wrote records (here a join: a new member, an epoch bump, a
 * target) is answered once the write commits; one that changed nothing is answered at once.
 */
class HeartbeatWriteTest {
    private static final long WRITE_MS = 3;

    private final CoordinatorHarness h = new CoordinatorHarness(Map.of("t", 2), ConsumerGroupBrokerConfig.DEFAULTS, WRITE_MS * 1_000);
    private final List<ConsumerGroupHeartbeatResponse> answers = new ArrayList<>();

    private void send(int epoch, List<String> subscription, List<TopicPartition> owned) {
        h.coordinator.handleHeartbeat(new ConsumerGroupHeartbeatRequest(CoordinatorHarness.GROUP, "c1", "m1", epoch, null, null,
                epoch == 0 ? 60_000 : -1, subscription, null, owned), answers::add);
    }

    @Test
    void theJoinWaitsForItsWriteAndASteadyHeartbeatDoesNot() {
        send(0, List.of("t"), List.of());
        h.at(WRITE_MS);   // runs what is due before WRITE_MS
        assertTrue(answers.isEmpty(), "the join's records are not committed yet");
        h.at(WRITE_MS + 1);
        assertEquals(1, answers.size());
        ConsumerGroupHeartbeatResponse joined = answers.get(0);
        assertEquals(Errors.NONE, joined.error());
        assertEquals(2, joined.memberEpoch(), "the first member of a new group joins at epoch 2");

        send(joined.memberEpoch(), null, null);
        assertEquals(2, answers.size(), "a heartbeat that changed nothing is answered within the handler");
        assertEquals(Errors.NONE, answers.get(1).error());
    }
}
