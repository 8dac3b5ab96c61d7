package io.kgsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void bucketsTileTheLineAndStayWithin1In32OfTheirValues() {
        long previousEnd = 0;
        for (int i = 0; i < 1200; i++) {
            assertEquals(previousEnd, LatencyHistogram.lower(i), "bucket " + i + " starts where the previous ends");
            previousEnd = LatencyHistogram.lower(i) + LatencyHistogram.width(i);
            assertEquals(i, LatencyHistogram.index(LatencyHistogram.lower(i)));
            assertEquals(i, LatencyHistogram.index(previousEnd - 1));
            assertTrue(LatencyHistogram.width(i) <= Math.max(1, LatencyHistogram.lower(i) / 32));
        }
    }

    @Test
    void aUniformSpreadGivesItsQuantiles() {
        LatencyHistogram h = new LatencyHistogram();
        // 1,000 records evenly between 50 ms and 100 ms, added as one slice.
        h.addUniform(100_000, 50_000, 1_000);
        assertEquals(1_000, h.count(), 1e-9);
        assertEquals(75_000, h.percentile(0.50), 75_000 * 0.005);
        assertEquals(99_500, h.percentile(0.99), 99_500 * 0.005);
        assertEquals(100_000, h.max(), 1e-9);
    }

    @Test
    void percentilesWeighByRecordsNotBySlices() {
        LatencyHistogram h = new LatencyHistogram();
        h.addUniform(10_000, 10_000, 990);
        h.addUniform(2_000_000, 2_000_000, 10);
        LatencyHistogram merged = new LatencyHistogram();
        merged.add(h);
        for (LatencyHistogram x : new LatencyHistogram[] {h, merged}) {
            assertEquals(10_000, x.percentile(0.50), 10_000 / 32.0, "two slices, but 99 % of the records at 10 ms");
            assertEquals(10_000, x.percentile(0.99), 10_000 / 32.0);
            assertTrue(x.percentile(0.995) > 1_900_000);
            assertEquals(2_000_000, x.max(), 1e-9);
        }
        assertEquals(Double.NaN, new LatencyHistogram().percentile(0.5));
    }
}
