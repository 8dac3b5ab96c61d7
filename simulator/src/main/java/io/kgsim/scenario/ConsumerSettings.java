package io.kgsim.scenario;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A group's consumer configuration: every value Kafka's {@code ConsumerConfig} defines, parsed
 * and defaulted by Kafka's own {@code ConfigDef}, plus the resolved assignment strategies (in
 * {@code partition.assignment.strategy} order, which is the order the client offers them).
 *
 * @param values every consumer config, explicit or defaulted, sorted by name
 * @param explicit the names the scenario set, sorted (what the report calls "the config that mattered")
 */
public record ConsumerSettings(Map<String, Object> values, List<String> explicit, GroupProtocol protocol, List<Strategy> strategies) {

    public ConsumerSettings {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
        explicit = List.copyOf(explicit);
        strategies = List.copyOf(strategies);
    }

    /** The explicit settings the simulation models (the report's "configuration that mattered"), sorted. */
    public List<String> modelledExplicit() {
        return explicit.stream().filter(KafkaConfigs.CONSUMER_MODELLED::containsKey).toList();
    }

    public int sessionTimeoutMs() {
        return (Integer) values.get("session.timeout.ms");
    }

    public int heartbeatIntervalMs() {
        return (Integer) values.get("heartbeat.interval.ms");
    }

    public int maxPollIntervalMs() {
        return (Integer) values.get("max.poll.interval.ms");
    }

    public int maxPollRecords() {
        return (Integer) values.get("max.poll.records");
    }

    public boolean enableAutoCommit() {
        return (Boolean) values.get("enable.auto.commit");
    }

    public int autoCommitIntervalMs() {
        return (Integer) values.get("auto.commit.interval.ms");
    }

    public long retryBackoffMs() {
        return (Long) values.get("retry.backoff.ms");
    }

    public int requestTimeoutMs() {
        return (Integer) values.get("request.timeout.ms");
    }

    public int fetchMaxWaitMs() {
        return (Integer) values.get("fetch.max.wait.ms");
    }

    /** The strategies as the scenario lists them, comma-separated, for summaries. */
    public String strategyNames() {
        StringBuilder b = new StringBuilder();
        for (Strategy s : strategies) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(s.name());
        }
        return b.toString();
    }

    /** A copy whose protocol and strategy list are replaced ({@code --strategy}). */
    public ConsumerSettings withStrategy(Strategy s) {
        Map<String, Object> v = new TreeMap<>(values);
        v.put("group.protocol", s.protocol().configValue());
        // The consumer protocol's client asks for the server assignor by name (group.remote.assignor);
        // the member turns the class into its name().
        v.put("partition.assignment.strategy", s.protocol() == GroupProtocol.CONSUMER ? List.of() : List.of(s.className()));
        v.put("group.remote.assignor", s.protocol() == GroupProtocol.CONSUMER ? s.className() : null);
        return new ConsumerSettings(v, explicit, s.protocol(), List.of(s));
    }
}
