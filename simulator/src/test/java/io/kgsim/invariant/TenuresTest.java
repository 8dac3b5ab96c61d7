package io.kgsim.invariant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One member's tenures: what "it owned the partition when it sent the commit" means. */
class TenuresTest {
    @Test
    void aTenureCoversItsSpanAndThePreviousTenureStillCountsAfterThePartitionCameBack() {
        Tenures t = new Tenures();
        assertFalse(t.covers(7, 0), "never owned");
        t.begin(7, 1_000);
        assertFalse(t.covers(7, 999));
        assertTrue(t.covers(7, 1_000));
        assertTrue(t.covers(7, 50_000), "still held");
        t.end(7, 3_000);
        assertTrue(t.covers(7, 3_000));
        assertFalse(t.covers(7, 3_001));
        t.begin(7, 7_000);
        assertFalse(t.covers(7, 6_500), "between the tenures");
        assertTrue(t.covers(7, 2_500), "in the previous tenure");
        assertTrue(t.covers(7, 8_000));
        assertFalse(t.covers(8, 8_000), "another partition");
    }

    @Test
    void aSecondBeginOrEndChangesNothing() {
        Tenures t = new Tenures();
        t.begin(1, 1_000);
        t.begin(1, 2_000);
        assertTrue(t.covers(1, 1_500), "the tenure began at the first begin");
        t.end(1, 3_000);
        t.end(1, 4_000);
        assertFalse(t.covers(1, 3_500), "it ended at the first end");
        t.end(2, 1_000);
        assertFalse(t.covers(2, 500), "an end without a begin owns nothing");
    }

    @Test
    void everyPartitionIsFoundAfterTheTableGrows() {
        Tenures t = new Tenures();
        // Neighbours, as range hands them out, and far more than the first table holds.
        for (int p = 0; p < 500; p++) {
            t.begin(10_000 + p, p + 1);
            if (p % 2 == 0) {
                t.end(10_000 + p, p + 1_000);
            }
        }
        for (int p = 0; p < 500; p++) {
            assertTrue(t.covers(10_000 + p, p + 1));
            assertEquals(p % 2 != 0, t.covers(10_000 + p, p + 1_001), "partition " + p);
            assertFalse(t.covers(10_000 + p, p));
        }
        assertFalse(t.covers(9_999, 0));
        assertFalse(t.covers(10_500, 0));
    }
}
