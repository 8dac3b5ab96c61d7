package io.kgsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.sim.RunResult;
import io.kgsim.testing.Runs;
import org.junit.jupiter.api.Test;

/** End-to-end record latency (produced to processed) in runs whose answer is known beforehand. */
class RecordLatencyTest {
    static String scenario(int consumers, int partitions, String timeline) {
        return """
                name: latency
                seed: 3
                duration: 60s
                network:
                  latency: 1ms
                topics:
                  - name: orders
                    partitions: %d
                    produce:
                      rate: 1000/s
                groups:
                  - group.id: g
                    subscription: [orders]
                    consumers: %d
                    processing:
                      per.record: 500us
                    config:
                      auto.offset.reset: latest
                      session.timeout.ms: 10000
                timeline:
                %s
                """.formatted(partitions, consumers, timeline);
    }

    /**
     * One partition at 1,000 records/s, 0.5 ms per record, a batch every 100 ms: each batch holds
     * the 100 records produced since the previous one began and takes 50 ms, so the k-th record
     * of a batch (k = 1..100) waited 100 - k ms in the log and k x 0.5 ms in the batch:
     * latencies 99.5, 99, ... 50 ms, evenly spread. p50 74.75 ms, p99 about 99 ms, max 99.5 ms.
     */
    @Test
    void constantProductionAndFixedProcessingGiveTheLatencyWorkedOutByHand() {
        RunResult r = Runs.run(scenario(1, 1, "  []")).result();
        LatencyHistogram h = r.groups().get(0).recordLatency();
        assertEquals(r.recordsConsumed(), h.count(), 1e-6, "every processed record weighs one");
        assertEquals(74_750, h.percentile(0.50), 74_750 * 0.01);
        assertTrue(h.percentile(0.99) > 98_500 && h.percentile(0.99) <= 99_501, "p99 " + h.percentile(0.99));
        assertEquals(99_500, h.max(), 5, "the first record of a batch: 100 ms old when the batch began, done 0.5 ms later");
        DataPlaneLedger ledger = r.ledgers().get("g");
        LatencyHistogram second30 = ledger.latencyInSecond(30);
        assertEquals(1_000, second30.count(), 1e-6, "a steady second holds a second's records");
        assertEquals(74_750, second30.percentile(0.50), 74_750 * 0.01);
        assertEquals(1, r.rebalanceDurations().count());
        assertEquals(3_000_000, r.rebalanceDurations().p50Us(), 20_000, "the initial rebalance waits group.initial.rebalance.delay.ms");

        com.fasterxml.jackson.databind.JsonNode summary = io.kgsim.report.SummaryJson.build(r);
        assertEquals(74.75, summary.at("/recordLatencyMs/p50").asDouble(), 0.75);
        assertEquals(99.5, summary.at("/groups/0/recordLatencyMs/max").asDouble(), 0.01);
        assertEquals(1, summary.at("/rebalanceDurationMs/count").asInt());
        assertEquals(0, summary.at("/rebalanceDurationMs/open").asInt());
        assertEquals(3000, summary.at("/groups/0/rebalanceDurationMs/p95").asDouble(), 20);
    }

    @Test
    void timeseriesCsvHasEachSecondsLatencyPercentiles() throws java.io.IOException {
        RunResult r = Runs.run(scenario(1, 1, "  []")).result();
        java.io.StringWriter csv = new java.io.StringWriter();
        io.kgsim.report.TimeSeriesCsv.write(r, csv);
        String[] lines = csv.toString().split("\n");
        java.util.List<String> header = java.util.List.of(lines[0].split(","));
        int p50 = header.indexOf("latency_p50_ms");
        int p99 = header.indexOf("latency_p99_ms");
        assertTrue(p50 > 0 && p99 > 0, lines[0]);
        String[] first = lines[1].split(",", -1);
        assertEquals("", first[p99], "nothing processed in the first second (the group is joining)");
        String[] steady = lines[30].split(",", -1);
        assertEquals(74.75, Double.parseDouble(steady[p50]), 0.75);
        assertEquals(99.25, Double.parseDouble(steady[p99]), 0.3);
    }

    /**
     * A crashed member's partitions wait for its session to time out (10 s) before another member
     * takes them: the records produced into them meanwhile, and those it processed but had not
     * committed (processed again: duplicates count), are at least that late.
     */
    @Test
    void aCrashMakesRecordsWaitAtLeastTheSessionTimeout() {
        RunResult r = Runs.run(scenario(2, 2, """
                  - at: 20s
                    crash: g/c2
                """)).result();
        LatencyHistogram h = r.groups().get(0).recordLatency();
        assertTrue(h.max() >= 10_000_000, "max " + h.max());
        assertTrue(r.recordsDuplicated() > 0, "records processed but not committed before the crash");
        assertEquals(r.recordsConsumed(), h.count(), 1e-6, "duplicates count as records processed");
        assertTrue(h.percentile(0.50) < 200_000, "most records are unaffected: p50 " + h.percentile(0.50));
        double worstSecond = 0;
        for (int s = 20; s < 40; s++) {
            LatencyHistogram second = r.ledgers().get("g").latencyInSecond(s);
            if (second != null) {
                worstSecond = Math.max(worstSecond, second.percentile(0.99));
            }
        }
        assertTrue(worstSecond >= 9_000_000, "the takeover second's p99 shows the wait: " + worstSecond);
    }
}
