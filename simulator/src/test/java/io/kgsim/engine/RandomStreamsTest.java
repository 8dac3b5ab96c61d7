package io.kgsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RandomStreamsTest {
    @Test
    void aStreamDependsOnlyOnTheSeedAndItsName() {
        RandomStreams a = new RandomStreams(42);
        RandomStreams b = new RandomStreams(42);
        // Touching other streams first must not shift this one's draws.
        b.stream("network/g/c1").nextLong();
        b.stream("network/g/c3").nextLong();
        for (int i = 0; i < 100; i++) {
            assertEquals(a.stream("network/g/c2").nextLong(), b.stream("network/g/c2").nextLong());
        }
        assertNotEquals(new RandomStreams(43).stream("x").nextLong(), new RandomStreams(42).stream("x").nextLong());
        assertNotEquals(a.stream("y").nextLong(), new RandomStreams(42).stream("z").nextLong());
    }

    @Test
    void distributionsHaveTheMeanTheirTextSays() {
        RandomStreams s = new RandomStreams(7);
        assertMean(new DurationDistribution.Exponential(2000), s, 2000, 0.05);
        assertMean(new DurationDistribution.Uniform(1000, 3000), s, 2000, 0.02);
        assertMean(new DurationDistribution.LogNormal(1000, 0.3), s, 1000 * Math.exp(0.045), 0.02);
        assertMean(new DurationDistribution.Fixed(1234), s, 1234, 0);
    }

    private static void assertMean(DurationDistribution d, RandomStreams s, double expected, double tolerance) {
        DurationDistribution.Sampler sampler = d.sampler(s.stream(d.toString()));
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            sum += sampler.sampleUs();
        }
        assertEquals(expected, sum / n, expected * tolerance + 1, d.toString());
        assertEquals(expected, d.expectedUs(), expected * 1e-9 + 1e-9, d + " expectedUs");
    }
}
