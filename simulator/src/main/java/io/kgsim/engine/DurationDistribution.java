package io.kgsim.engine;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A distribution of durations (processing time per record, one-way network latency), in
 * microseconds. The scenario text ({@code lognormal(1ms, 0.3)}) maps one to one onto these
 * records; sampling is delegated to commons-math3 with the caller's seeded stream.
 */
public sealed interface DurationDistribution {

    /** A sampler bound to one random stream. */
    Sampler sampler(RandomGenerator rng);

    /** Mean of the distribution in microseconds, for summaries and sanity checks. */
    double expectedUs();

    /** Variance in square microseconds: with the mean, what a sum of many draws needs. */
    double varianceUs2();

    /** Draws one duration in whole microseconds (never negative). */
    @FunctionalInterface
    interface Sampler {
        long sampleUs();
    }

    record Fixed(long us) implements DurationDistribution {
        @Override
        public Sampler sampler(RandomGenerator rng) {
            return () -> us;
        }

        @Override
        public double expectedUs() {
            return us;
        }

        @Override
        public double varianceUs2() {
            return 0;
        }

        @Override
        public String toString() {
            return "fixed(" + Durations.millisText(us) + "ms)";
        }
    }

    record Uniform(long lowUs, long highUs) implements DurationDistribution {
        @Override
        public Sampler sampler(RandomGenerator rng) {
            if (lowUs == highUs) {
                return () -> lowUs;
            }
            UniformRealDistribution d = new UniformRealDistribution(rng, lowUs, highUs);
            return () -> Math.round(d.sample());
        }

        @Override
        public double expectedUs() {
            return (lowUs + highUs) / 2.0;
        }

        @Override
        public double varianceUs2() {
            double w = highUs - lowUs;
            return w * w / 12;
        }
    }

    record Exponential(long averageUs) implements DurationDistribution {
        @Override
        public Sampler sampler(RandomGenerator rng) {
            ExponentialDistribution d = new ExponentialDistribution(rng, averageUs);
            return () -> Math.round(d.sample());
        }

        @Override
        public double expectedUs() {
            return averageUs;
        }

        @Override
        public double varianceUs2() {
            return (double) averageUs * averageUs;
        }
    }

    /** Log-normal given by its median and the standard deviation of its logarithm. */
    record LogNormal(long medianUs, double sigma) implements DurationDistribution {
        @Override
        public Sampler sampler(RandomGenerator rng) {
            double mu = Math.log(medianUs);
            return () -> Math.round(Math.exp(mu + sigma * rng.nextGaussian()));
        }

        @Override
        public double expectedUs() {
            return medianUs * Math.exp(sigma * sigma / 2);
        }

        @Override
        public double varianceUs2() {
            double s2 = sigma * sigma;
            return (Math.exp(s2) - 1) * Math.exp(2 * Math.log(medianUs) + s2);
        }
    }

    /** Normal truncated at zero: negative draws are drawn again (bounded), then clamped. */
    record Normal(long averageUs, long stddevUs) implements DurationDistribution {
        @Override
        public Sampler sampler(RandomGenerator rng) {
            if (stddevUs == 0) {
                return () -> averageUs;
            }
            return () -> {
                for (int i = 0; i < 16; i++) {
                    double x = averageUs + stddevUs * rng.nextGaussian();
                    if (x >= 0) {
                        return Math.round(x);
                    }
                }
                return 0L;
            };
        }

        @Override
        public double expectedUs() {
            return averageUs;
        }

        @Override
        public double varianceUs2() {
            return (double) stddevUs * stddevUs;
        }
    }
}
