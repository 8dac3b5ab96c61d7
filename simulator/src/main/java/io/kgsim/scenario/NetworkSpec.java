package io.kgsim.scenario;

import io.kgsim.engine.DurationDistribution;

/** One-way request latency between any client and any broker. */
public record NetworkSpec(DurationDistribution latency) {
}
