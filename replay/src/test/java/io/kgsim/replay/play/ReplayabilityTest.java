package io.kgsim.replay.play;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which timeline actions a real run refuses, and where the file has them. */
class ReplayabilityTest {
    @Test
    void networkCutsAndBrokerCrashesAreRefusedProductionIsANote() {
        Replayability r = RealRun.check(Scenarios.parse("""
            name: t
            duration: 60s
            cluster:
              brokers: 3
            topics:
              - name: orders
                partitions: 6
                produce:
                  rate: 100/s
            groups:
              - group.id: billing
                subscription: [orders]
                consumers: 3
            timeline:
              - at: 5s
                crash: billing/c1
              - at: 10s
                cut-network: {member: billing/c2, for: 5s}
              - at: 20s
                broker-crash: {broker: 1, for: 10s}
              - at: 30s
                set-rate: {topic: orders, rate: 10/s}
              - at: 40s
                pause: {member: billing/c3, for: 2s, kind: handler}
            """));
        List<String> errors = r.errors();
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("test.yaml:18:"), errors.get(0));
        assertTrue(errors.get(0).contains("network cut billing/c2"), errors.get(0));
        assertTrue(errors.get(1).startsWith("test.yaml:20:"), errors.get(1));
        assertTrue(errors.get(1).contains("broker 1 crash"), errors.get(1));
        assertEquals(errors, RealRun.notReplayable(Scenarios.parse("""
            name: t
            duration: 60s
            cluster:
              brokers: 3
            topics:
              - name: orders
                partitions: 6
                produce:
                  rate: 100/s
            groups:
              - group.id: billing
                subscription: [orders]
                consumers: 3
            timeline:
              - at: 5s
                crash: billing/c1
              - at: 10s
                cut-network: {member: billing/c2, for: 5s}
              - at: 20s
                broker-crash: {broker: 1, for: 10s}
              - at: 30s
                set-rate: {topic: orders, rate: 10/s}
              - at: 40s
                pause: {member: billing/c3, for: 2s, kind: handler}
            """)));
        // the set-rate, the topic's production and the broker count
        assertEquals(3, r.notes().size(), r.notes().toString());
        assertTrue(r.notes().get(0).startsWith("test.yaml:22:"), r.notes().get(0));
    }
}
