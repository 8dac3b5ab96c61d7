package io.kgsim.replay.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.replay.ReplayException;
import io.kgsim.replay.broker.BrokerTarget;
import io.kgsim.replay.broker.EmbeddedKafka;
import io.kgsim.replay.cli.Replay;
import io.kgsim.replay.compare.ReplayComparison;
import io.kgsim.replay.compare.ReplayTable;
import io.kgsim.replay.play.RealRun;
import io.kgsim.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14's fidelity suite: each case of {@link FidelityCases} played with real consumers on a
 * real Kafka broker and simulated with the member ids the real run got; every step must agree
 * (assignment identical, rebalances equal, time to the last ownership change within 15 % or
 * 150 ms, unowned partition time within 25 % or 250 ms). One broker serves every case; each run
 * gets its own topics and group (the existing-cluster target's unique prefix), so runs go in
 * parallel (junit-platform.properties sets how many). The table of all runs is written to
 * {@code target/fidelity/fidelity.md}, which {@code replay/fidelity.sh} copies into the README.
 */
@Tag("fidelity")
@Execution(ExecutionMode.CONCURRENT)
class FidelitySuiteTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path OUT = Path.of("target", "fidelity");
    private static final FidelityTable TABLE = new FidelityTable();
    private static EmbeddedKafka kafka;

    /** One broker for all cases: their broker configs must agree, and they do by construction. */
    @BeforeAll
    static void startBroker() throws Exception {
        List<Scenario> cases = FidelityCases.all();
        Map<String, String> configs = RealRun.brokerConfigs(cases.get(0));
        for (Scenario s : cases) {
            assertEquals(configs, RealRun.brokerConfigs(s), s.name() + " needs other broker configs than the suite's broker has");
            assertTrue(RealRun.check(s).errors().isEmpty(), s.name() + " cannot be replayed: " + RealRun.check(s).errors());
        }
        kafka = EmbeddedKafka.start(configs, TIMEOUT);
    }

    @AfterAll
    static void writeTableAndStop() throws Exception {
        try {
            TABLE.write(OUT.resolve("fidelity.md"));
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    static List<FidelityCases.Run> runs() {
        List<FidelityCases.Run> runs = FidelityCases.selected();
        assertFalse(runs.isEmpty(), "-Dkgsim.fidelity=" + System.getProperty("kgsim.fidelity") + " names no case");
        return runs;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void realAndSimulatedAgree(FidelityCases.Run run) throws Exception {
        Scenario s = run.scenario();
        Path dir = OUT.resolve(run.caseName() + "-" + run.strategy());
        Replay.Result result;
        try {
            result = Replay.run(s, () -> BrokerTarget.existing(kafka.bootstrapServers(), TIMEOUT), dir, line -> { });
        } catch (ReplayException e) {
            TABLE.addFailure(run, e.getMessage());
            throw e;
        }
        ReplayComparison c = result.simulation().comparison();
        TABLE.add(run, c);
        assertTrue(c.passed(), run + ": " + c.failedChecks() + " check(s) failed (" + dir.resolve("replay.json") + ")\n"
                + String.join("\n", ReplayTable.lines(c)));
    }
}
