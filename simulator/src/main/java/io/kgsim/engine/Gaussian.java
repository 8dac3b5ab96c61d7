package io.kgsim.engine;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Standard normal draws by Marsaglia's polar method over a seeded commons-math3 generator.
 * commons-math3's own {@code nextGaussian} computes its logarithm in pure Java
 * ({@code FastMath.log}); here {@code Math.log} is a JIT intrinsic, and normal draws (latencies,
 * processing times) are the hottest arithmetic of a long run.
 */
public final class Gaussian {
    private final RandomGenerator rng;
    private double spare;
    private boolean hasSpare;

    public Gaussian(RandomGenerator rng) {
        this.rng = rng;
    }

    public double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spare = v * m;
        hasSpare = true;
        return u * m;
    }
}
