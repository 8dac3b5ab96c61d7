package io.kgsim.scenario;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;

/**
 * {@code docs/scenario-format.md}: the complete reference of the scenario format, generated
 * from {@link ScenarioKeys} (every key's type, default, range, meaning and example) and from
 * Kafka's {@code ConfigDef}s (the configs {@code cluster.config} and {@code groups[].config}
 * take), with the prose around them. {@code kgsim schema --markdown} prints it.
 */
public final class ScenarioReference {
    /** A scenario using most keys; the reference shows it and a test loads it. */
    public static final String EXAMPLE = """
            name: rolling-restart
            description: Roll-restart 4 consumers one every 60 s while producing 1,200 records/s
            seed: 42
            duration: 10m
            cluster:
              brokers: 3
              racks: [az1, az2, az3]            # broker i sits in racks[i % 3]
              config:                           # broker configs, Kafka names
                group.initial.rebalance.delay.ms: 3000
                offsets.topic.num.partitions: 50
                replica.selector.class: org.apache.kafka.common.replica.RackAwareReplicaSelector
            network:
              latency: lognormal(1ms, 0.3)      # one-way request latency
            topics:
              - name: orders
                partitions: 12
                replication.factor: 3
                produce:
                  rate: 1200/s                  # whole topic
                  skew: zipf(1.1)               # or uniform (default), or weights: [...]
                  record.bytes: 1024
              - name: refunds
                partitions: 3
            groups:
              - group.id: billing
                subscription: [orders]
                consumers: 4                    # named c1..c4; later starts take c5, c6, ...
                static.membership: false        # true: group.instance.id = member name
                racks: [az1, az2]               # client.rack, round-robin over members
                processing:
                  per.record: lognormal(2ms, 0.5)
                config:                         # consumer configs, Kafka names
                  partition.assignment.strategy: cooperative-sticky
                  session.timeout.ms: 45000
                  heartbeat.interval.ms: 3000
                  max.poll.interval.ms: 300000
                  max.poll.records: 500
                  enable.auto.commit: false
                commit: sync-per-batch          # required with enable.auto.commit: false
            timeline:
              - at: 30s
                crash: billing/c2               # process killed: no LeaveGroup, no commit
              - at: 60s
                rolling-restart: {group: billing, interval: 60s, downtime: 10s}
              - at: 90s
                start: {group: billing, count: 2}   # c5 and c6
              - at: 2m
                stop: billing/c1                # graceful close: commit, LeaveGroup
              - at: 3m
                pause: {member: billing/c3, for: 40s, kind: gc}
              - at: 4m
                cut-network: {member: billing/c3, for: 60s}
              - at: 5m
                broker-crash: {broker: 1, for: 2m}
              - at: 6m
                add-partitions: {topic: orders, count: 24}   # the new total
              - at: 7m
                set-rate: {topic: orders, rate: 3000/s}
              - at: 450s
                burst: {topic: orders, rate: 6000/s, for: 20s}
              - at: 8m
                scale: {group: billing, to: 6}
              - at: 9m
                subscribe: {member: billing/c3, topics: [orders, refunds]}
            compare: [range, roundrobin, sticky, cooperative-sticky]
            """;

    private static final String INTRO = """
            # The kgsim scenario format

            A scenario is one YAML file: a cluster, its topics and their production, consumer groups, and a
            timeline of what happens to them. Kafka's own configuration names are used verbatim wherever
            Kafka has one: `cluster.config` takes broker configs and a group's `config` takes consumer
            configs, typed, defaulted and range-checked by Kafka's own `ConfigDef`.

            This page is generated from the loader's key table by `kgsim schema --markdown`; the JSON Schema
            beside it, [`scenario.schema.json`](scenario.schema.json) (`kgsim schema`), is generated from the
            same table, so an editor bound to it completes and checks exactly what `kgsim validate` accepts.
            A test fails when either file differs from what the code generates.

            A mistake in a scenario stops `kgsim` before it simulates anything: the message names
            `file:line:column`, what was expected and, for a misspelled key, the nearest known one (exit code 2).
            A key kgsim accepts but does not simulate is reported as "accepted, not modelled" (see
            [Kafka configs](#kafka-configs)).

            ## A complete example

            """;

    private static final String VALUES = """
            ## Values

            - **Durations**: a number and a unit, `us`, `ms`, `s`, `m` or `h`: `500us`, `250ms`, `30s`, `1.5m`, `2h`.
              A bare number is refused (the unit is never guessed). Virtual time is kept in microseconds.
            - **Rates**: records per unit of time: `1200/s`, `600/m`, `10/h`.
            - **Distributions** of durations (processing time, network latency):
              `fixed(2ms)`; `uniform(1ms, 3ms)` (low, high); `exponential(2ms)` (the mean);
              `lognormal(2ms, 0.5)` (the median, and sigma, the standard deviation of the log);
              `normal(2ms, 0.5ms)` (mean, standard deviation; truncated at 0). A bare duration means `fixed`.
              Every member draws from its own seeded stream.
            - **Skew**: `uniform`, or `zipf(s)`: partition i (from 0) gets a share of the topic's rate
              proportional to 1/(i+1)^s.
            - **Members**: `group/member`, e.g. `billing/c2`. A group's members are named `c1`, `c2`, ... in
              the order they are first started; a restarted member keeps its name.
            - **Booleans**: `true` or `false`. **Lists**: `[a, b]` or one `- item` per line.

            ## Keys

            Each table gives a key's type, its default when absent, the values allowed, what it means and an
            example value. `topics[]` means "each item of the `topics` list".

            """;

    private static final String KAFKA = """
            ## Kafka configs

            `cluster.config` takes broker configs and each group's `config` takes consumer configs, under
            Kafka's own names. A value is parsed and checked by Kafka's own `ConfigDef`
            (`GroupCoordinatorConfig.CONFIG_DEF` plus `replica.selector.class` and `broker.session.timeout.ms`
            for brokers, `ConsumerConfig.configDef()` for consumers), so types, defaults and valid ranges are
            exactly Kafka's; an absent key takes Kafka's default. Lists (`partition.assignment.strategy`) may be
            a YAML list or a comma-separated string.

            Every Kafka key is accepted, so a configuration copied from production loads. kgsim models only
            the keys marked so below; any other key set in a scenario is reported as "accepted, not
            modelled" by `kgsim run`, `compare` and `validate`, in `summary.json`'s `warnings` and in
            `report.html`'s warnings, and is left out of the report's "Configuration that mattered". (The
            whole consumer config still reaches the assignors' `configure()`, so a custom assignor reads
            what it wants.)

            Consumer configs a scenario sets through its own keys, and which `config` refuses:

            """;

    private ScenarioReference() {
    }

    public static String markdown() {
        StringBuilder b = new StringBuilder(INTRO);
        b.append("```yaml\n").append(EXAMPLE).append("```\n\n");
        b.append(VALUES);
        keys(b);
        b.append(KAFKA);
        b.append("| key | set by |\n|---|---|\n");
        KafkaConfigs.CONSUMER_SET_ELSEWHERE.forEach((k, v) -> b.append("| `").append(k).append("` | ").append(cell(v)).append(" |\n"));
        b.append("\n### Consumer configs (`groups[].config`)\n\n");
        kafkaTable(b, KafkaConfigs.CONSUMER_DEF, KafkaConfigs.CONSUMER_MODELLED, KafkaConfigs.CONSUMER_SET_ELSEWHERE);
        b.append("\n### Broker configs (`cluster.config`)\n\n");
        kafkaTable(b, KafkaConfigs.BROKER_DEF, KafkaConfigs.BROKER_MODELLED, Map.of());
        return b.toString();
    }

    /** One table per mapping, in the table's order; each timeline action gets its own heading, example and fields. */
    private static void keys(StringBuilder b) {
        Set<String> parents = new LinkedHashSet<>();
        for (ScenarioKey k : ScenarioKeys.all()) {
            if (!k.parent().startsWith(ScenarioKeys.TIMELINE_ENTRY + ".")) {
                parents.add(k.parent());
            }
        }
        for (String parent : parents) {
            b.append("### ").append(parent.isEmpty() ? "Top level" : "`" + parent + "`").append("\n\n");
            table(b, parent);
            if (parent.equals(ScenarioKeys.TIMELINE_ENTRY)) {
                b.append("Each entry holds `at` and exactly one action:\n\n");
                for (String name : ScenarioKeys.actions()) {
                    action(b, ScenarioKeys.get(ScenarioKeys.TIMELINE_ENTRY + "." + name));
                }
            }
        }
    }

    private static void table(StringBuilder b, String parent) {
        b.append("| key | type | default | allowed | meaning | example |\n|---|---|---|---|---|---|\n");
        for (ScenarioKey k : ScenarioKeys.children(parent)) {
            b.append("| `").append(k.path()).append("` | ").append(k.kind().label()).append(k.unit() == null ? "" : ", " + k.unit())
                    .append(" | ").append(k.required() ? "required" : k.defaultText() == null ? "-" : cell(k.defaultText()))
                    .append(" | ").append(cell(k.rangeText()))
                    .append(" | ").append(cell(k.doc()))
                    .append(" | ").append(k.example() == null ? "" : "`" + cell(k.example()) + "`").append(" |\n");
        }
        b.append('\n');
    }

    private static void action(StringBuilder b, ScenarioKey action) {
        b.append("#### `").append(action.name()).append("`\n\n").append(action.doc()).append("\n\n```yaml\ntimeline:\n  - at: 30s\n    ")
                .append(action.name()).append(": ").append(action.example()).append("\n```\n\n");
        if (action.kind().hasChildren()) {
            table(b, action.childParent());
        }
    }

    private static void kafkaTable(StringBuilder b, ConfigDef def, Map<String, String> modelled, Map<String, String> setElsewhere) {
        b.append("| key | type | Kafka default | Kafka valid values | in kgsim |\n|---|---|---|---|---|\n");
        for (ConfigDef.ConfigKey k : KafkaConfigDocs.keys(def, setElsewhere)) {
            String dflt = KafkaConfigDocs.defaultText(k);
            String in = modelled.containsKey(k.name) ? "**modelled**: " + modelled.get(k.name)
                    : "accepted, not modelled. Kafka: " + KafkaConfigDocs.firstSentence(k);
            b.append("| `").append(k.name).append("` | ").append(KafkaConfigDocs.typeName(k)).append(" | ")
                    .append(dflt == null ? "none" : "`" + cell(dflt) + "`").append(" | ").append(cell(KafkaConfigDocs.validText(k)))
                    .append(" | ").append(cell(in)).append(" |\n");
        }
    }

    /** A table cell: one line, pipes escaped. */
    private static String cell(String s) {
        return s == null ? "" : s.replace("\n", " ").replace("|", "\\|");
    }
}
