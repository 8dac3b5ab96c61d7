package io.kgsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kgsim.scenario.Skew;
import org.junit.jupiter.api.Test;

/** When a record was produced is the production fluid read backwards, across rate changes. */
class TopicProductionTest {
    @Test
    void producedAtInvertsTheLogEndOffsetAcrossRateChanges() {
        TopicProduction t = new TopicProduction("orders", 1, 1000, new Skew.Uniform());
        t.setRate(10_000_000, 2000);
        t.addPartitions(20_000_000, 2);
        assertEquals(1_000, t.producedAtUs(0, 0), 1e-3, "the first record: 1 ms at 1,000/s");
        assertEquals(5_000_000, t.producedAtUs(0, 4_999), 1e-3);
        assertEquals(10_000_000, t.producedAtUs(0, 9_999), 1e-3, "the last record before the rate change");
        assertEquals(11_000_000, t.producedAtUs(0, 11_999), 1e-3, "2,000 more at 2,000/s");
        // From 20 s the rate is shared by two partitions: 1,000/s each.
        assertEquals(20_001_000, t.producedAtUs(1, 0), 1e-3, "a new partition's first record");
        assertEquals(20_001_000, t.producedAtUs(0, 29_999 + 1), 1e-3);
        // logEndOffset answers for now and later: check the round trip in the current stretch.
        for (long offset : new long[] {30_000, 31_234, 45_678}) {
            double at = t.producedAtUs(0, offset);
            assertEquals(offset + 1, t.logEndOffset(0, (long) Math.ceil(at)), "log end just after " + offset + " was produced");
            assertEquals(offset, t.logEndOffset(0, (long) Math.floor(at) - 1), "log end just before");
        }
    }
}
