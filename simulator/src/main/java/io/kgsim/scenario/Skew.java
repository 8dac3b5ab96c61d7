package io.kgsim.scenario;

import java.util.List;

/** How a topic's production is spread over its partitions. */
public sealed interface Skew {
    record Uniform() implements Skew {
    }

    /** Partition i (from 0) gets weight 1 / (i+1)^s, as a Zipf law with exponent s. */
    record Zipf(double exponent) implements Skew {
    }

    /** Explicit relative weights, one per partition. */
    record Weights(List<Double> weights) implements Skew {
    }
}
