package io.kgsim.sim;

import io.kgsim.metrics.LatencyHistogram;
import io.kgsim.metrics.RebalanceDurationStats;

/** The figures {@code summary.json} reports, for the whole run or for one group. */
public interface Figures {
    int rebalances();

    long partitionMovements();

    long unownedPartitionUs();

    long recordsProduced();

    long recordsConsumed();

    long recordsDuplicated();

    long recordsLost();

    long maxLag();

    /** Time-averaged max/mean member load; NaN when never defined. */
    double maxOverMeanLoad();

    /** Time-averaged partition count spread; NaN when no member ever ran. */
    double partitionCountSpread();

    long crossRackBytes();

    /** Completed rebalances' durations (start to completed) and those still open at the end. */
    RebalanceDurationStats rebalanceDurations();

    /** End-to-end latencies (produced to processed) of every record processed, duplicates included. */
    LatencyHistogram recordLatency();
}
