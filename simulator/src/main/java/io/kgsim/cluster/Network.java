package io.kgsim.cluster;

import io.kgsim.engine.Action;
import io.kgsim.engine.DurationDistribution;
import io.kgsim.engine.RandomStreams;
import io.kgsim.engine.Simulation;
import java.util.HashMap;
import java.util.Map;

/**
 * One-way message delivery with a latency drawn from {@code network.latency}. Each client has
 * its own latency stream ({@code network/<group>/<member>}), used for both directions of its
 * requests, so one member's traffic never shifts another's draws.
 */
public final class Network {
    private final Simulation sim;
    private final RandomStreams streams;
    private final DurationDistribution latency;
    private final Map<String, DurationDistribution.Sampler> samplers = new HashMap<>();

    public Network(Simulation sim, RandomStreams streams, DurationDistribution latency) {
        this.sim = sim;
        this.streams = streams;
        this.latency = latency;
    }

    /** Delivers {@code action} after one one-way latency drawn from {@code endpoint}'s stream. */
    public void deliver(String endpoint, Action action) {
        sim.schedule(sampler(endpoint).sampleUs(), action);
    }

    /** One one-way latency drawn from {@code endpoint}'s stream. */
    public long latencyUs(String endpoint) {
        return sampler(endpoint).sampleUs();
    }

    private DurationDistribution.Sampler sampler(String endpoint) {
        DurationDistribution.Sampler s = samplers.get(endpoint);
        if (s == null) {
            s = latency.sampler(streams.stream("network/" + endpoint));
            samplers.put(endpoint, s);
        }
        return s;
    }
}
