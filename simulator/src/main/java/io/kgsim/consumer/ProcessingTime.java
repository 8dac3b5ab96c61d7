package io.kgsim.consumer;

import io.kgsim.engine.DurationDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * How long a member takes to process a batch of records, each record costing one draw of
 * {@code processing.per.record}. Up to {@value #EXACT_UP_TO} records the draws are summed; a
 * larger batch's total is drawn from the normal law the sum converges to (central limit
 * theorem: mean n*mu, variance n*sigma^2), truncated at zero, so a 500-record poll costs one
 * draw instead of 500 and an hour at 100,000 records/s stays cheap.
 */
public final class ProcessingTime {
    static final int EXACT_UP_TO = 8;

    private final DurationDistribution perRecord;
    private final DurationDistribution.Sampler sampler;
    private final RandomGenerator rng;

    public ProcessingTime(DurationDistribution perRecord, RandomGenerator rng) {
        this.perRecord = perRecord;
        this.sampler = perRecord.sampler(rng);
        this.rng = rng;
    }

    /** Microseconds to process {@code n} records. */
    public long forRecords(int n) {
        if (n <= 0) {
            return 0;
        }
        if (perRecord instanceof DurationDistribution.Fixed f) {
            return f.us() * n;
        }
        if (n <= EXACT_UP_TO) {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += sampler.sampleUs();
            }
            return sum;
        }
        double mean = n * perRecord.expectedUs();
        double sd = Math.sqrt(n * perRecord.varianceUs2());
        return Math.max(0, Math.round(mean + sd * rng.nextGaussian()));
    }
}
