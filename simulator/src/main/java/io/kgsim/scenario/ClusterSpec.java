package io.kgsim.scenario;

import java.util.List;

/** Brokers (numbered 0..n-1), the racks they sit in (broker i in racks[i % n]) and broker config. */
public record ClusterSpec(int brokers, List<String> racks, BrokerConfig config) {
    /** The rack of broker {@code id}, or null when the scenario names no racks. */
    public String rackOf(int id) {
        return racks.isEmpty() ? null : racks.get(id % racks.size());
    }
}
