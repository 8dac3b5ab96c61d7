package io.kgsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.TimelineAction;
import io.kgsim.testing.Runs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A replay's simulation produces nothing, and its timeline keeps every entry where it was. */
class WithoutProductionTest {
    @Test
    void everyRateIsZeroAndTheTimelineKeepsItsEntries() {
        Scenario s = ScenarioVariants.withoutProduction(Runs.parse("""
                name: produced
                seed: 1
                duration: 20s
                topics:
                  - name: t
                    partitions: 2
                    produce:
                      rate: 1000/s
                      record.bytes: 512
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 1
                timeline:
                  - {at: 5s, set-rate: {topic: t, rate: 3000/s}}
                  - {at: 8s, burst: {topic: t, rate: 9000/s, for: 2s}}
                  - {at: 12s, stop: g/c1}
                """));
        assertEquals(0, s.topics().get(0).produce().ratePerSecond());
        assertEquals(512, s.topics().get(0).produce().recordBytes());
        assertEquals(List.of(new TimelineAction.SetRate("t", 0), new TimelineAction.Burst("t", 0, 2_000_000)),
                s.timeline().subList(0, 2).stream().map(e -> e.action()).toList());
        assertEquals(List.of(5_000_000L, 8_000_000L, 12_000_000L), s.timeline().stream().map(e -> e.atUs()).toList());
        RunResult r = new ScenarioRun(s, RunOptions.defaults()).run();
        assertEquals(0, r.recordsProduced());
        assertEquals(0, r.recordsConsumed());
    }
}
