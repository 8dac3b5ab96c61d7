package io.kgsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionTableTest {
    @Test
    void valuesAreFoundByTopicAndPartitionWhateverTheInstance() {
        PartitionTable<String> t = new PartitionTable<>();
        assertNull(t.get(new TopicPartition("orders", 3)));
        assertNull(t.put(new TopicPartition("orders", 3), "c1"));
        // A different TopicPartition instance, and a topic name built anew, find the same slot.
        assertEquals("c1", t.get(new TopicPartition(new String("orders"), 3)));
        assertEquals("c1", t.put(new TopicPartition("orders", 3), "c2"));
        assertNull(t.get(new TopicPartition("orders", 4)));
        assertNull(t.get(new TopicPartition("payments", 3)), "topics do not share slots");
    }

    @Test
    void rowsGrowForPartitionsAddedLaterAndKeepWhatTheyHeld() {
        PartitionTable<Integer> t = new PartitionTable<>();
        for (int p = 0; p < 10; p++) {
            t.put(new TopicPartition("a", p), p);
            t.put(new TopicPartition("b", p), -p);
        }
        t.put(new TopicPartition("a", 5_000), 5_000);
        assertNull(t.get(new TopicPartition("a", 4_999)));
        for (int p = 0; p < 10; p++) {
            assertEquals(p, t.get(new TopicPartition("a", p)));
            assertEquals(-p, t.get(new TopicPartition("b", p)));
        }
        assertEquals(5_000, t.get(new TopicPartition("a", 5_000)));
        assertNull(t.get(new TopicPartition("a", 100_000)));
    }

    @Test
    void computeIfAbsentCreatesOnce() {
        PartitionTable<Object> t = new PartitionTable<>();
        TopicPartition tp = new TopicPartition("orders", 7);
        Object first = t.computeIfAbsent(tp, k -> new Object());
        assertSame(first, t.computeIfAbsent(new TopicPartition("orders", 7), k -> new Object()));
    }
}
