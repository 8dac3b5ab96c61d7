package io.kgsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The key table, the loader, the committed reference and the committed JSON Schema agree: the
 * docs are what the generator writes now, the loader reads exactly the table's keys, and the
 * schema (checked by a real JSON Schema validator) accepts every bundled scenario and refuses
 * what the loader refuses.
 */
class ScenarioFormatTest {
    private static final Path DOCS = Path.of("../docs");
    private static final String REGENERATE = " is not what the key table generates now; regenerate it from the repository root with:\n"
            + "  ./kgsim schema > docs/scenario.schema.json && ./kgsim schema --markdown > docs/scenario-format.md";

    /** Every key of the format at least once, the two forms of 'start' included. */
    static final String KITCHEN_SINK = """
            name: kitchen-sink
            description: every key
            seed: 7
            duration: 10m
            cluster:
              brokers: 3
              racks: [az1, az2, az3]
              config:
                group.max.size: 10
            network:
              latency: uniform(1ms, 2ms)
            topics:
              - name: orders
                partitions: 4
                replication.factor: 2
                produce:
                  rate: 100/s
                  skew: zipf(1.1)
                  weights: [4, 1, 1, 1]
                  record.bytes: 512
              - name: refunds
            groups:
              - group.id: billing
                subscription: [orders]
                consumers: 3
                static.membership: true
                racks: [az1]
                processing:
                  per.record: exponential(2ms)
                config:
                  enable.auto.commit: false
                commit: async-per-batch
                members:
                  - {name: c1, member.ids: [c1-0b3c6f4e-8d2a-4c1e-9f7b-2a5d8e1c4b6a, c1-1b3c6f4e-8d2a-4c1e-9f7b-2a5d8e1c4b6a]}
                  - {name: c5, member.id: c5-2b3c6f4e-8d2a-4c1e-9f7b-2a5d8e1c4b6a}
                  - {name: c2, subscription: [orders, refunds]}
            timeline:
              - {at: 10s, start: {group: billing, count: 2}}
              - {at: 20s, stop: billing/c1}
              - {at: 30s, start: billing/c1}
              - {at: 40s, crash: billing/c2}
              - {at: 50s, rolling-restart: {group: billing, interval: 10s, downtime: 1s}}
              - {at: 60s, pause: {member: billing/c3, for: 5s, kind: handler}}
              - {at: 70s, cut-network: {member: billing/c3, for: 5s}}
              - {at: 80s, broker-crash: {broker: 2, for: 30s}}
              - {at: 90s, add-partitions: {topic: orders, count: 8}}
              - {at: 100s, set-rate: {topic: orders, rate: 200/s}}
              - {at: 110s, burst: {topic: orders, rate: 900/s, for: 5s}}
              - {at: 120s, scale: {group: billing, to: 2}}
              - {at: 130s, subscribe: {member: billing/c1, topics: [orders, refunds]}}
            compare: [range, cooperative-sticky]
            simulation:
              batch.interval: 50ms
            """;

    private static Schema schema() throws IOException {
        String text = Files.readString(DOCS.resolve("scenario.schema.json"), StandardCharsets.UTF_8);
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(text, InputFormat.JSON);
    }

    private static List<Error> validate(String yaml) throws IOException {
        return schema().validate(yaml, InputFormat.YAML);
    }

    @Test
    void theCommittedSchemaIsWhatTheKeyTableGenerates() throws IOException {
        String committed = Files.readString(DOCS.resolve("scenario.schema.json"), StandardCharsets.UTF_8);
        assertTrue(committed.equals(ScenarioSchema.json()), "docs/scenario.schema.json" + REGENERATE);
    }

    @Test
    void theCommittedReferenceIsWhatTheKeyTableGenerates() throws IOException {
        String committed = Files.readString(DOCS.resolve("scenario-format.md"), StandardCharsets.UTF_8);
        assertTrue(committed.equals(ScenarioReference.markdown()), "docs/scenario-format.md" + REGENERATE);
    }

    @Test
    void theLoaderReadsExactlyTheKeysOfTheTable() throws ScenarioException {
        // A key the loader reads but the table lacks throws while loading (MappingReader.key);
        // a key the table lists but the loader never reads is missing from what it asked for.
        Set<String> asked = ScenarioLoader.keysAsked("kitchen-sink.yaml", new StringReader(KITCHEN_SINK));
        Set<String> table = new TreeSet<>();
        ScenarioKeys.all().forEach(k -> table.add(k.path()));
        assertEquals(table, asked);
    }

    @Test
    void theKitchenSinkAndTheReferenceExampleLoadAndValidate() throws Exception {
        ScenarioLoader.parse("kitchen-sink.yaml", new StringReader(KITCHEN_SINK));
        ScenarioLoader.parse("example.yaml", new StringReader(ScenarioReference.EXAMPLE));
        assertEquals(List.of(), validate(KITCHEN_SINK));
        assertEquals(List.of(), validate(ScenarioReference.EXAMPLE));
    }

    static Stream<Path> bundledScenarios() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("../scenarios"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 12, "the bundled scenarios are found: " + files);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("bundledScenarios")
    void everyBundledScenarioValidatesAgainstTheSchema(Path file) throws IOException {
        List<Error> errors = validate(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(List.of(), errors, file.toString());
    }

    @Test
    void theSchemaRefusesMisspelledKeysAndBadValues() throws IOException {
        String base = ScenarioLoaderTest.BASE;
        assertEquals(List.of(), validate(base), "the base scenario is valid");
        assertInvalid(base.replace("consumers: 2", "consumer: 2"), "/groups/0", "consumer");
        assertInvalid(base.replace("duration: 1m", "duration: 1 minute"), "/duration", "pattern");
        assertInvalid(base.replace("duration: 1m", "duration: 60"), "/duration", "");
        assertInvalid(base.replace("session.timeout.ms: 45000", "sesion.timeout.ms: 45000"), "/groups/0/config", "sesion.timeout.ms");
        assertInvalid(base.replace("session.timeout.ms: 45000", "max.poll.records: 0"), "/groups/0/config/max.poll.records", "minimum");
        assertInvalid(base + "timeline:\n  - {at: 5s, crash: c1}\n", "/timeline/0/crash", "pattern");
        assertInvalid(base + "timeline:\n  - {at: 5s, crash: g/c1, stop: g/c2}\n", "/timeline/0", "");
        assertInvalid(base + "network:\n  latency: gaussian(1ms)\n", "/network/latency", "pattern");
    }

    private static void assertInvalid(String yaml, String at, String mentions) throws IOException {
        List<Error> errors = validate(yaml);
        assertFalse(errors.isEmpty(), "the schema accepts:\n" + yaml);
        assertTrue(errors.stream().anyMatch(e -> e.toString().contains(at) && e.toString().contains(mentions)),
                "expected an error at " + at + " mentioning '" + mentions + "', got " + errors);
    }
}
