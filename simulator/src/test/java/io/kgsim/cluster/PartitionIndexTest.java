package io.kgsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionIndexTest {
    @Test
    void numbersAreGivenInOrderOfFirstUseAndKeptWhateverTheInstance() {
        PartitionIndex index = new PartitionIndex();
        assertEquals(-1, index.find(new TopicPartition("orders", 3)));
        assertEquals(0, index.number(new TopicPartition("orders", 3)));
        assertEquals(1, index.number(new TopicPartition("payments", 3)), "topics do not share numbers");
        assertEquals(2, index.number(new TopicPartition("orders", 0)));
        // A different instance, and a topic name built anew, have the number already given.
        assertEquals(0, index.number(new TopicPartition(new String("orders"), 3)));
        assertEquals(1, index.find(new TopicPartition(new String("payments"), 3)));
        assertEquals(-1, index.find(new TopicPartition("orders", 1)));
        assertEquals(-1, index.find(new TopicPartition("audit", 0)));
        assertEquals(3, index.size());
    }

    @Test
    void rowsGrowForPartitionsAddedLaterAndKeepTheirNumbers() {
        PartitionIndex index = new PartitionIndex();
        for (int p = 0; p < 20; p++) {
            assertEquals(2 * p, index.number(new TopicPartition("a", p)));
            assertEquals(2 * p + 1, index.number(new TopicPartition("b", p)));
        }
        assertEquals(40, index.number(new TopicPartition("a", 5_000)));
        assertEquals(-1, index.find(new TopicPartition("a", 4_999)));
        assertEquals(-1, index.find(new TopicPartition("a", 100_000)));
        for (int p = 0; p < 20; p++) {
            assertEquals(2 * p, index.find(new TopicPartition("a", p)));
            assertEquals(2 * p + 1, index.find(new TopicPartition("b", p)));
        }
        assertEquals(41, index.size());
    }
}
