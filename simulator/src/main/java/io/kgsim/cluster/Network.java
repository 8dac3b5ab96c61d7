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

    /**
     * One endpoint's side of the network: its connection to the brokers. Kafka's broker reads a
     * connection's requests one at a time, in the order sent, and answers them in that order
     * (the socket server mutes a channel until its request's response is sent), so neither
     * direction lets a message overtake an earlier one: a later message with a shorter latency
     * draw arrives just after the earlier one. Without it, an auto-commit sent before
     * onJoinPrepare's commit could arrive after it, after the eager revocation, and commit
     * partitions the member had already given up.
     */
    public final class Link {
        private final DurationDistribution.Sampler sampler;
        /** When the last request (client to broker) and the last response arrive. */
        private long requestArrivesUs;
        private long responseArrivesUs;

        private Link(DurationDistribution.Sampler sampler) {
            this.sampler = sampler;
        }

        /** Delivers a request after one one-way latency, never before an earlier request. */
        public void deliver(Action action) {
            requestArrivesUs = Math.max(requestArrivesUs, sim.now() + sampler.sampleUs());
            sim.schedule(requestArrivesUs - sim.now(), action);
        }

        /** Delivers a response after one one-way latency, never before an earlier response. */
        public void respond(Action action) {
            responseArrivesUs = Math.max(responseArrivesUs, sim.now() + sampler.sampleUs());
            sim.schedule(responseArrivesUs - sim.now(), action);
        }

        /** One one-way latency. */
        public long latencyUs() {
            return sampler.sampleUs();
        }
    }
}
