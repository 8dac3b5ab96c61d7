package io.kgsim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.engine.DurationDistribution;
import io.kgsim.scenario.GroupProtocol;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.ScenarioException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepLoaderTest {
    /** The scenario every test varies: two groups, one crash, a compare list. Line numbers matter to the error tests. */
    static final String SCENARIO = """
            name: crashy
            seed: 5
            duration: 2m
            topics:
              - name: clicks
                partitions: 8
            groups:
              - group.id: analytics
                subscription: [clicks]
                consumers: 3
                config:
                  session.timeout.ms: 45000
                  heartbeat.interval.ms: 3000
              - group.id: audit
                subscription: [clicks]
                consumers: 2
            timeline:
              - at: 30s
                crash: analytics/c2
            compare: [range, cooperative-sticky]
            """;

    @TempDir
    Path dir;

    private SweepPlan load(String sweep) throws Exception {
        return load(sweep, SCENARIO);
    }

    private SweepPlan load(String sweep, String scenario) throws Exception {
        Files.createDirectories(dir.resolve("sweeps"));
        Files.writeString(dir.resolve("crashy.yaml"), scenario);
        Path file = dir.resolve("sweeps/timeouts.yaml");
        Files.writeString(file, sweep);
        return SweepLoader.load(file, null, null, null);
    }

    /** The error's message, which must start with the sweep file's {@code line:column}. */
    private String error(String sweep, String lineColumn) {
        String m = assertThrows(ScenarioException.class, () -> load(sweep)).getMessage();
        assertTrue(m.startsWith(dir.resolve("sweeps/timeouts.yaml") + ":" + lineColumn + ": "), m);
        return m;
    }

    @Test
    void everyPointsScenarioHasItsValuesAndItsStrategy() throws Exception {
        SweepPlan plan = load("""
                scenario: ../crashy.yaml
                vary:
                  groups[analytics].config.session.timeout.ms: [10s, 30000]
                  timeline[0].at: {from: 20s, to: 40s, step: 10s}
                """);
        assertEquals("timeouts", plan.name());
        assertEquals(List.of("range", "cooperative-sticky"), plan.strategies(), "the scenario's compare list");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), plan.seeds().seeds());
        assertEquals("unownedPartitionMs", plan.metric());
        assertEquals(List.of("10000", "30000"), plan.axes().get(0).values(), "a Kafka .ms config in its milliseconds, however written");
        assertArrayEquals(new double[] {10_000, 30_000}, plan.axes().get(0).numeric());
        assertEquals(List.of("20s", "30s", "40s"), plan.axes().get(1).values());
        assertArrayEquals(new double[] {20_000, 30_000, 40_000}, plan.axes().get(1).numeric());
        assertEquals(6, plan.points().size());
        assertEquals(List.of("10000", "30s"), plan.points().get(1).values(), "the first axis varies slowest");
        assertEquals(6 * 2 * 10, plan.runs());

        // Point 1 (10s, 30s), strategy 1 (cooperative-sticky), seed 4: run 1*20 + 1*10 + 3.
        SweepRun run = plan.run(33);
        assertEquals(new SweepRun(33, 1, 1, 4), run);
        Scenario s = plan.scenario(run);
        assertEquals(4, s.seed());
        assertEquals(10_000, s.group("analytics").config().sessionTimeoutMs(), "10s is given to Kafka as 10000 ms");
        assertEquals(45_000, s.group("audit").config().sessionTimeoutMs(), "the other group is untouched");
        assertEquals(30_000_000L, s.timeline().get(0).atUs());
        assertEquals("cooperative-sticky", s.group("audit").config().strategyNames());
        Scenario last = plan.scenario(plan.run(plan.runs() - 1));
        assertEquals(30_000, last.group("analytics").config().sessionTimeoutMs());
        assertEquals(40_000_000L, last.timeline().get(0).atUs());
    }

    @Test
    void aValueTheScenarioDoesNotSetIsAddedWithTheMappingsAboveIt() throws Exception {
        SweepPlan plan = load("""
                scenario: ../crashy.yaml
                strategies: [sticky]
                vary:
                  groups[audit].processing.per.record: [1ms, "lognormal(2ms, 0.5)"]
                  cluster.config.group.initial.rebalance.delay.ms: [0]
                  topics[clicks].produce.rate: {from: 100/s, to: 300/s, step: 100/s}
                """);
        assertEquals(2 * 3, plan.points().size());
        assertNull(plan.axes().get(0).numeric(), "a distribution is a category");
        assertArrayEquals(new double[] {100, 200, 300}, plan.axes().get(2).numeric());
        Scenario s = plan.scenario(plan.run(1 * 10));
        assertEquals(new DurationDistribution.Fixed(1_000), s.group("audit").processingPerRecord());
        assertEquals(new DurationDistribution.Fixed(0), s.group("analytics").processingPerRecord());
        assertEquals(0, s.cluster().config().groupInitialRebalanceDelayMs());
        assertEquals(200.0, s.topic("clicks").produce().ratePerSecond());
        assertEquals("sticky", s.group("analytics").config().strategyNames());
        Scenario lognormal = plan.scenario(plan.run(3 * 10));
        assertEquals(new DurationDistribution.LogNormal(2_000, 0.5), lognormal.group("audit").processingPerRecord());
    }

    @Test
    void theFileAndTheCommandLineChooseStrategiesSeedsAndMetric() throws Exception {
        String sweep = """
                name: by-hand
                scenario: ../crashy.yaml
                strategies: [range, consumer-uniform, range]
                seeds: 3..5
                metric: recordsDuplicated
                vary:
                  groups[0].consumers: [2, 4]
                """;
        SweepPlan plan = load(sweep);
        assertEquals("by-hand", plan.name());
        assertEquals(List.of("range", "consumer-uniform"), plan.strategies(), "each strategy once");
        assertEquals(List.of(3L, 4L, 5L), plan.seeds().seeds());
        assertEquals("recordsDuplicated", plan.metric());
        assertEquals(GroupProtocol.CONSUMER, plan.scenario(plan.run(3)).group("analytics").config().protocol());
        assertEquals(4, plan.scenario(plan.run(6)).group("analytics").consumers());

        SweepPlan overridden = SweepLoader.load(dir.resolve("sweeps/timeouts.yaml"), "2", List.of("roundrobin"), "maxLag");
        assertEquals(List.of("roundrobin"), overridden.strategies());
        assertEquals(List.of(1L, 2L), overridden.seeds().seeds());
        assertEquals("maxLag", overridden.metric());
    }

    @Test
    void withoutACompareListTheScenarioKeepsItsOwnStrategy() throws Exception {
        String scenario = SCENARIO.replace("compare: [range, cooperative-sticky]\n", "")
                .replace("      heartbeat.interval.ms: 3000\n", "      heartbeat.interval.ms: 3000\n      partition.assignment.strategy: sticky\n");
        SweepPlan plan = load("""
                scenario: ../crashy.yaml
                vary:
                  groups[audit].consumers: [1, 2]
                """, scenario);
        assertEquals(List.of("sticky;range,cooperative-sticky"), plan.strategies(), "each group's own list, as 'kgsim run' names it");
        Scenario s = plan.scenario(plan.run(0));
        assertEquals("sticky", s.group("analytics").config().strategyNames());
        assertEquals("range,cooperative-sticky", s.group("audit").config().strategyNames());
    }

    @Test
    void theSourceRebuildsTheSamePlanWithoutTheFiles() throws Exception {
        SweepPlan plan = load("""
                scenario: ../crashy.yaml
                seeds: [3, 9]
                vary:
                  groups[analytics].config.max.poll.records: {from: 100, to: 300, step: 100}
                  network.latency: [1ms, 2ms]
                """);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(plan.source());
        }
        Files.delete(dir.resolve("crashy.yaml"));
        Files.delete(dir.resolve("sweeps/timeouts.yaml"));
        SweepSource shipped;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            shipped = (SweepSource) in.readObject();
        }
        SweepPlan rebuilt = SweepLoader.fromSource(shipped);
        assertEquals(plan.name(), rebuilt.name());
        assertEquals(plan.points(), rebuilt.points());
        assertEquals(plan.strategies(), rebuilt.strategies());
        assertEquals(plan.seeds(), rebuilt.seeds());
        assertEquals(plan.metric(), rebuilt.metric());
        for (int a = 0; a < plan.axes().size(); a++) {
            assertEquals(plan.axes().get(a).path(), rebuilt.axes().get(a).path());
            assertEquals(plan.axes().get(a).values(), rebuilt.axes().get(a).values());
            assertArrayEquals(plan.axes().get(a).numeric(), rebuilt.axes().get(a).numeric());
        }
        assertEquals(6 * 2 * 2, plan.runs());
        for (long i = 0; i < plan.runs(); i++) {
            assertEquals(plan.scenario(plan.run(i)), rebuilt.scenario(rebuilt.run(i)), "run " + i);
        }
        // The comparison can tell scenarios apart: neighbouring points differ.
        assertNotEquals(plan.scenario(plan.run(0)), plan.scenario(plan.run(4)));
        assertEquals(200, rebuilt.scenario(rebuilt.run(2 * 4)).group("analytics").config().maxPollRecords());
    }

    @Test
    void anUnknownKeyOfTheSweepFileIsLocatedWithASuggestion() {
        String m = error("""
                scenario: ../crashy.yaml
                strategys: [range]
                """, "2:1");
        assertTrue(m.contains("unknown key 'strategys' in the sweep file; did you mean 'strategies'?"), m);
    }

    @Test
    void anUnknownPathSegmentSuggestsTheNearestKeyAtTheVaryKey() {
        String m = error("""
                scenario: ../crashy.yaml
                vary:
                  groups[analytics].procesing.per.record: [1ms]
                """, "3:3");
        assertTrue(m.contains("'groups[analytics]' has no key 'procesing'; did you mean 'processing'?"), m);
        String dotted = error("""
                scenario: ../crashy.yaml
                vary:
                  topics[clicks].replicaton.factor: [1]
                """, "3:3");
        assertTrue(dotted.contains("has no key 'replicaton.factor'; did you mean 'replication.factor'?"), dotted);
    }

    @Test
    void aSelectorThatMatchesNothingListsTheEntriesThereAre() {
        String m = error("""
                scenario: ../crashy.yaml
                vary:
                  groups[analytic].consumers: [1]
                """, "3:3");
        assertTrue(m.contains("the scenario has no group with group.id 'analytic'; did you mean 'analytics'? (its groups: analytics, audit)"), m);
    }

    @Test
    void anIndexOutOfRangeSaysHowManyEntriesThereAre() {
        String m = error("""
                scenario: ../crashy.yaml
                vary:
                  timeline[3].at: [10s]
                """, "3:3");
        assertTrue(m.contains("'timeline[3]' is out of range: the scenario has 1 timeline entry (timeline[0] to timeline[0])"), m);
    }

    @Test
    void aTimelineEntryIsVariedOnlyThroughItsOwnAction() {
        String m = error("""
                scenario: ../crashy.yaml
                vary:
                  timeline[0].rolling-restart.interval: [10s]
                """, "3:3");
        assertTrue(m.contains("'timeline[0]' has no 'rolling-restart': its action is 'crash'"), m);
    }

    @Test
    void seedsNamesAndStrategiesAreNotParameters() {
        String seed = error("""
                scenario: ../crashy.yaml
                vary:
                  seed: [1, 2]
                """, "3:3");
        assertTrue(seed.contains("'seed' cannot be varied: a sweep's seeds are a dimension of their own, given under 'seeds'"), seed);
        String strategy = error("""
                scenario: ../crashy.yaml
                vary:
                  groups[audit].config.partition.assignment.strategy: [range]
                """, "3:3");
        assertTrue(strategy.contains("'partition.assignment.strategy' cannot be varied: a sweep's strategies are a dimension of their own"), strategy);
    }

    @Test
    void twoPathsToOneValueAreRefused() {
        String m = error("""
                scenario: ../crashy.yaml
                vary:
                  groups[analytics].consumers: [1, 2]
                  groups[0].consumers: [3]
                """, "4:3");
        assertTrue(m.contains("names the same value as 'groups[analytics].consumers' (line 3)"), m);
    }

    @Test
    void emptyListsAndRangesAreRefusedWhereTheyAreWritten() {
        String empty = error("""
                scenario: ../crashy.yaml
                vary:
                  groups[audit].consumers: []
                """, "3:28");
        assertTrue(empty.contains("has an empty list of values"), empty);
        String backwards = error("""
                scenario: ../crashy.yaml
                vary:
                  groups[audit].consumers: {from: 5, to: 2, step: 1}
                """, "3:42");
        assertTrue(backwards.contains("the range from 5 to 2 is empty ('from' is above 'to')"), backwards);
        String zero = error("""
                scenario: ../crashy.yaml
                vary:
                  groups[audit].consumers: {from: 1, to: 2, step: 0}
                """, "3:51");
        assertTrue(zero.contains("the step must be above 0, found '0'"), zero);
        String missed = error("""
                scenario: ../crashy.yaml
                vary:
                  timeline[0].at: {from: 10s, to: 60s, step: 20s}
                """, "3:35");
        assertTrue(missed.contains("steps of 20s from 10s do not reach 60s exactly (they stop at 50s): make 'to' 50s or 70s"), missed);
    }

    @Test
    void aValueKafkaRefusesGetsTheLoadersMessageAtTheSweepValue() {
        String m = error("""
                scenario: ../crashy.yaml
                vary:
                  groups[analytics].config.max.poll.records: [500, 0]
                """, "3:52");
        assertTrue(m.contains("invalid value for consumer config 'max.poll.records'"), m);
        assertTrue(m.contains("at point 2 of 2 (groups[analytics].config.max.poll.records=0)"), m);
        String range = error("""
                scenario: ../crashy.yaml
                vary:
                  topics[clicks].partitions: {from: 0, to: 4, step: 2}
                """, "3:30");
        assertTrue(range.contains("'partitions' must be between 1 and 1000000, found 0"), range);
    }

    @Test
    void aCombinationTheScenarioBlamesIsLocatedAtTheVariedValueAndNamesThePoint() {
        String m = error("""
                scenario: ../crashy.yaml
                vary:
                  groups[analytics].config.session.timeout.ms: [30s, 3s]
                """, "3:54");
        assertTrue(m.contains("heartbeat.interval.ms (3000) must be below session.timeout.ms (3000)"), m);
        assertTrue(m.contains("at point 2 of 2 (groups[analytics].config.session.timeout.ms=3s)"), m);
        assertTrue(m.contains("the scenario's value is at " + dir.resolve("crashy.yaml") + ":13:30"), m);
    }

    @Test
    void anAddedKafkaConfigTheLoaderDoesNotKnowIsLocatedAtTheVaryKey() {
        String m = error("""
                scenario: ../crashy.yaml
                vary:
                  groups[audit].config.sesion.timeout.ms: [10s]
                """, "3:3");
        assertTrue(m.contains("unknown consumer config 'sesion.timeout.ms'; did you mean 'session.timeout.ms'?"), m);
    }

    @Test
    void aValueCutAtItsCommaSaysToQuoteIt() {
        String m = error("""
                scenario: ../crashy.yaml
                vary:
                  network.latency: [1ms, lognormal(1ms, 0.3)]
                """, "3:26");
        assertTrue(m.contains("'lognormal(1ms' is cut at a comma"), m);
    }

    @Test
    void aDurationForKafkaMustBeWholeMilliseconds() {
        String m = error("""
                scenario: ../crashy.yaml
                vary:
                  groups[analytics].config.session.timeout.ms: [10s, 1500us]
                """, "3:54");
        assertTrue(m.contains("Kafka takes whole milliseconds, found '1500us'"), m);
    }

    @Test
    void anUnknownStrategyOrMetricIsLocatedWhereItIsWritten() {
        String strategy = error("""
                scenario: ../crashy.yaml
                strategies: [range, cooprative-sticky]
                """, "2:21");
        assertTrue(strategy.contains("unknown strategy 'cooprative-sticky'; did you mean 'cooperative-sticky'?"), strategy);
        String metric = error("""
                scenario: ../crashy.yaml
                metric: unownedPartitionsMs
                """, "2:9");
        assertTrue(metric.contains("unknown figure 'unownedPartitionsMs'; did you mean 'unownedPartitionMs'?"), metric);
    }

    @Test
    void aMissingScenarioFileIsLocatedAtTheScenarioValue() {
        String m = error("""
                name: t
                scenario: ../nowhere.yaml
                """, "2:11");
        assertTrue(m.contains("cannot read scenario '" + dir.resolve("nowhere.yaml") + "': no such file (the path is relative to the sweep file)"), m);
    }

    @Test
    void aSweepPastTheMaximumSaysHowManyRunsItWouldHold() {
        String m = error("""
                scenario: ../crashy.yaml
                vary:
                  groups[analytics].config.max.poll.records: {from: 1, to: 1000, step: 1}
                  groups[analytics].config.fetch.min.bytes: {from: 1, to: 1000, step: 1}
                """, "3:3");
        assertTrue(m.contains("the sweep has 20000000 runs (1000000 points x 2 strategies x 10 seeds), more than the 100000"), m);
    }

    @Test
    void theCommandLinesMistakesNameTheOption() throws Exception {
        load("scenario: ../crashy.yaml\n");
        Path file = dir.resolve("sweeps/timeouts.yaml");
        String strategy = assertThrows(ScenarioException.class, () -> SweepLoader.load(file, null, List.of("rang"), null)).getMessage();
        assertTrue(strategy.startsWith("--strategies: unknown strategy 'rang'"), strategy);
        String metric = assertThrows(ScenarioException.class, () -> SweepLoader.load(file, null, null, "lag")).getMessage();
        assertTrue(metric.startsWith("--metric: unknown figure 'lag'"), metric);
        String seeds = assertThrows(ScenarioException.class, () -> SweepLoader.load(file, "0", null, null)).getMessage();
        assertTrue(seeds.startsWith("--seeds: "), seeds);
    }

    @Test
    void aSweepWithoutVaryIsOnePoint() throws Exception {
        SweepPlan plan = load("scenario: ../crashy.yaml\nseeds: 2\n");
        assertEquals(1, plan.points().size());
        assertEquals(List.of(), plan.axes());
        assertEquals(2 * 2, plan.runs());
    }

    @Test
    void aScenarioErrorStaysInTheScenarioFile() throws IOException {
        Files.createDirectories(dir.resolve("sweeps"));
        Files.writeString(dir.resolve("crashy.yaml"), SCENARIO.replace("consumers: 2", "consumer: 2"));
        Path file = dir.resolve("sweeps/timeouts.yaml");
        Files.writeString(file, "scenario: ../crashy.yaml\n");
        String m = assertThrows(ScenarioException.class, () -> SweepLoader.load(file, null, null, null)).getMessage();
        assertTrue(m.startsWith(dir.resolve("crashy.yaml") + ":16:5: unknown key 'consumer'"), m);
    }
}
