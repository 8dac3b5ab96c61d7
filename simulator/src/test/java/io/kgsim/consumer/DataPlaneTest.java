package io.kgsim.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.engine.Durations;
import io.kgsim.metrics.DataPlaneLedger;
import io.kgsim.metrics.TimeSeriesRow;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.GroupMember;
import io.kgsim.sim.GroupRuntime;
import io.kgsim.sim.RunOptions;
import io.kgsim.sim.RunResult;
import io.kgsim.sim.ScenarioRun;
import io.kgsim.testing.Runs;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the data plane does to records: conservation, duplicates, losses, poll timeouts, skew. */
class DataPlaneTest {

    static String scenario(String strategy, String extraGroup, String extraConfig, String timeline) {
        return """
                name: data
                seed: 17
                duration: 4m
                network:
                  latency: lognormal(1ms, 0.3)
                topics:
                  - name: orders
                    partitions: 12
                    produce:
                      rate: 1500/s
                      skew: zipf(0.8)
                groups:
                  - group.id: billing
                    subscription: [orders]
                    consumers: 4
                    processing:
                      per.record: lognormal(1ms, 0.5)
                %s
                    config:
                      partition.assignment.strategy: %s
                      auto.offset.reset: earliest
                      session.timeout.ms: 10000
                %s
                timeline:
                %s
                """.formatted(extraGroup, strategy, extraConfig, timeline);
    }

    static final String CHURN = """
              - at: 40s
                crash: billing/c2
              - at: 70s
                start: billing/c2
              - at: 100s
                rolling-restart: {group: billing, interval: 20s, downtime: 5s}
              - at: 200s
                stop: billing/c4
            """;

    @ParameterizedTest
    @CsvSource({"range,''", "cooperative-sticky,''", "cooperative-sticky,'    commit: sync-per-batch'", "sticky,'    commit: async-per-batch'"})
    void recordsAreConservedEverySecondAndNoneIsLostAtLeastOnce(String strategy, String commit) {
        String config = commit.isEmpty() ? "" : "      enable.auto.commit: false";
        RunResult r = Runs.run(scenario(strategy, commit, config, CHURN)).result();
        assertEquals(240, r.rows().size(), "one row per second, the last one at the end");
        for (TimeSeriesRow row : r.rows()) {
            long committed = row.producedTotal() - row.lag();
            assertTrue(committed <= row.consumedUnique(), "second " + row.second() + ": committed " + committed + " > processed " + row.consumedUnique());
            assertTrue(row.consumedUnique() <= row.producedTotal(), "second " + row.second());
            assertTrue(committed >= 0);
        }
        DataPlaneLedger ledger = r.ledgers().get("billing");
        TimeSeriesRow last = r.rows().get(r.rows().size() - 1);
        // Unique records counted two ways: processed minus duplicates, and per-partition high-water marks.
        assertEquals(ledger.processed() - ledger.duplicated(), last.consumedUnique());
        assertEquals(0, r.recordsLost(), "at-least-once loses nothing");
        assertTrue(r.recordsConsumed() > 0.8 * r.recordsProduced(), "the group keeps up: " + r.recordsConsumed() + " of " + r.recordsProduced());
        assertEquals(r.recordsProduced(), last.producedTotal());
    }

    @Test
    void latestOffsetResetSkipsWhatWasProducedBeforeTheGroupStarted() {
        RunResult r = Runs.run(scenario("range", "", "", "  []").replace("auto.offset.reset: earliest", "auto.offset.reset: latest")).result();
        // Nothing is fetched before the first assignment (four members joining together extend the
        // initial delay to two 3 s ticks), and the first commits cover it: lost to this group.
        assertTrue(r.recordsLost() > 1500 * 5.5 && r.recordsLost() < 1500 * 7, "lost " + r.recordsLost());
        assertEquals(0, r.recordsDuplicated());
        // Kafka's default surprises: the run says why records were lost and how to avoid it.
        assertEquals(List.of(String.format(java.util.Locale.ROOT, "group billing: %,d records were never processed: with auto.offset.reset=latest "
                + "(Kafka's default is latest) a partition without a committed offset starts at its log end, skipping what was produced "
                + "before; set auto.offset.reset: earliest to process them", r.recordsLost())), r.warnings());
    }

    @Test
    void noLossNoWarning() {
        assertEquals(List.of(), Runs.run(scenario("range", "", "", "  []")).result().warnings());
    }

    /**
     * A crash with auto-commit: the next owner restarts from the committed offsets, so exactly
     * what the crashed member processed after its last commit is processed twice.
     */
    @ParameterizedTest
    @ValueSource(strings = {"range", "cooperative-sticky"})
    void aCrashDuplicatesExactlyWhatWasProcessedSinceTheLastCommit(String strategy) {
        String yaml = scenario(strategy, "", "", "  - at: 61234ms\n    crash: billing/c3");
        ScenarioRun run = new ScenarioRun(Runs.parse(yaml), RunOptions.strict());
        long crash = Durations.ms(61_234);
        GroupRuntime g = run.groups().get("billing");
        run.runUntil(crash);
        GroupMember c3 = g.member("c3");
        List<TopicPartition> owned = new ArrayList<>(c3.owned());
        assertTrue(!owned.isEmpty());
        run.runUntil(crash + 1);
        DataPlaneLedger ledger = run.ledger("billing");
        long expected = 0;
        for (TopicPartition tp : owned) {
            expected += ledger.processedUpTo(tp) - Math.max(0, g.committed(tp));
        }
        assertTrue(expected > 0, "c3 processed something since its last commit");
        assertEquals(0, ledger.duplicated());
        RunResult r = run.run();
        assertEquals(expected, r.recordsDuplicated());
        assertEquals(0, r.recordsLost());
    }

    /**
     * A handler stuck longer than max.poll.interval.ms: the heartbeat thread gives up the
     * membership at exactly that deadline (LeaveGroup, a rebalance without the member), and the
     * member rejoins when the handler returns (a second rebalance).
     */
    @Test
    void aPauseLongerThanMaxPollIntervalTriggersTheRebalanceTheClientWould() {
        String yaml = scenario("range", "", "      max.poll.interval.ms: 60000", "  - at: 50s\n    pause: {member: billing/c2, for: 90s, kind: handler}");
        Runs.Recorded r = Runs.run(yaml);
        GroupEvent timeout = r.first(GroupEventType.POLL_TIMEOUT, "c2");
        long pauseAt = Durations.seconds(50);
        // max.poll.interval.ms counts from the last poll, at most one batch (under a second here) before the pause.
        assertTrue(timeout.timeUs() >= pauseAt + Durations.ms(59_000) && timeout.timeUs() <= pauseAt + Durations.ms(60_000),
                "poll timeout at " + Durations.format(timeout.timeUs()));
        GroupEvent removed = r.first(GroupEventType.MEMBER_REMOVED, "c2");
        assertEquals("poll-timeout", removed.reason());
        List<GroupEvent> after = r.filter(e -> e.type() == GroupEventType.REBALANCE_STARTED && e.timeUs() > pauseAt);
        assertEquals(2, after.size(), "one rebalance when c2 leaves, one when it rejoins: " + after);
        assertTrue(after.get(1).timeUs() >= pauseAt + Durations.seconds(90), "rejoins only after the pause");
        assertTrue(r.result().recordsDuplicated() > 0, "the batch in hand was processed by c2 and again by the new owner");
        // The same pause shorter than the interval costs nothing.
        Runs.Recorded shortPause = Runs.run(yaml.replace("for: 90s", "for: 30s"));
        assertTrue(shortPause.of(GroupEventType.POLL_TIMEOUT).isEmpty());
        assertEquals(1, shortPause.result().rebalances());
    }

    @Test
    void skewedLoadIsImbalancedUnderRoundRobinThoughPartitionCountsAreEven() {
        RunResult r = Runs.run(scenario("roundrobin", "", "", "  []").replace("zipf(0.8)", "zipf(1.2)")).result();
        assertEquals(0.0, r.partitionCountSpread(), 0.05, "12 partitions over 4 members: 3 each");
        assertTrue(r.maxOverMeanLoad() > 1.3, "maxOverMeanLoad " + r.maxOverMeanLoad());
        RunResult uniform = Runs.run(scenario("roundrobin", "", "", "  []").replace("skew: zipf(0.8)", "skew: uniform")).result();
        assertEquals(1.0, uniform.maxOverMeanLoad(), 0.01);
    }
}
