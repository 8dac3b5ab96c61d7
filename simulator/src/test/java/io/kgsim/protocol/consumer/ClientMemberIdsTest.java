package io.kgsim.protocol.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

/** Member ids as Kafka's client makes them (KIP-1082), but replayable from the seed. */
class ClientMemberIdsTest {
    @Test
    void idsAreDistinctKafkaUuidsThatNeverStartWithADash() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String id = ClientMemberIds.of(3, "g", "c" + (i % 100), i / 100);
            assertFalse(id.startsWith("-"), id);
            assertEquals(id, Uuid.fromString(id).toString());
            assertEquals(22, id.length());
            seen.add(id);
        }
        assertEquals(20_000, seen.size());
    }

    @Test
    void theSameSeedGroupNameAndIncarnationGiveTheSameId() {
        assertEquals(ClientMemberIds.of(9, "g", "c1", 1), ClientMemberIds.of(9, "g", "c1", 1));
        assertNotEquals(ClientMemberIds.of(9, "g", "c1", 1), ClientMemberIds.of(9, "g", "c1", 2));
        assertNotEquals(ClientMemberIds.of(9, "g", "c1", 1), ClientMemberIds.of(10, "g", "c1", 1));
    }
}
