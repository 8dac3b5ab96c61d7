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
    private final Map<String, Link> links = new HashMap<>();

    public Network(Simulation sim, RandomStreams streams, DurationDistribution latency) {
        this.sim = sim;
        this.streams = streams;
        this.latency = latency;
    }

    /**
     * The link of one endpoint: its own latency stream, looked up once by its owner so a message
     * costs no map lookup. Asking twice for an endpoint gives the same link (one stream).
     */
    public Link link(String endpoint) {
        return links.computeIfAbsent(endpoint, e -> new Link(latency.sampler(streams.stream("network/" + e))));
    }

    /** One endpoint's side of the network. */
    public final class Link {
        private final DurationDistribution.Sampler sampler;

        private Link(DurationDistribution.Sampler sampler) {
            this.sampler = sampler;
        }

        /** Delivers {@code action} after one one-way latency. */
        public void deliver(Action action) {
            sim.schedule(sampler.sampleUs(), action);
        }

        /** One one-way latency. */
        public long latencyUs() {
            return sampler.sampleUs();
        }
    }
}
