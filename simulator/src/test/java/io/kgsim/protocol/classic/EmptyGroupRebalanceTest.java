package io.kgsim.protocol.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.engine.Durations;
import io.kgsim.metrics.TimeSeriesRow;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.sim.GroupResult;
import io.kgsim.testing.Runs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The last member leaves: the rebalance its leaving started ends at once with an empty
 * generation (Kafka's completeClassicGroupJoin, initNextGeneration to Empty), so the group is
 * not rebalancing while nobody is in it, and a member that comes back later starts a new
 * rebalance whose duration does not include the time the group stood empty.
 */
class EmptyGroupRebalanceTest {
    private static final String SCENARIO = """
            name: empty
            seed: 1
            duration: 150s
            network:
              latency: fixed(1ms)
            topics:
              - name: t
                partitions: 3
            groups:
              - group.id: g
                subscription: [t]
                consumers: 1
                config:
                  session.timeout.ms: 10000
                  heartbeat.interval.ms: 3000
            timeline:
              - at: 20s
                stop: g/c1
              - at: 100s
                start: g/c1
            """;

    @Test
    void theLastMemberLeavingEndsTheRebalanceWithAnEmptyGeneration() {
        Runs.Recorded r = Runs.run(SCENARIO);
        List<GroupEvent> completed = r.of(GroupEventType.REBALANCE_COMPLETED);
        assertEquals(3, completed.size(), "first join, emptied by the stop, rejoin: " + completed);
        GroupEvent emptied = completed.get(1);
        assertEquals(List.of(), emptied.members());
        assertEquals(2, emptied.epoch().generation(), "the empty group has a generation of its own");
        GroupEvent removed = r.first(GroupEventType.MEMBER_REMOVED, "c1");
        assertEquals(removed.timeUs(), emptied.timeUs(), "the join phase completes as the last member is removed");
        assertEquals(3, completed.get(2).epoch().generation());

        GroupResult g = r.result().groups().get(0);
        assertEquals(0, g.openRebalances());
        assertEquals(3, g.rebalanceDurationsUs().size());
        for (long d : g.rebalanceDurationsUs()) {
            // Each is the initial delay (3 s) and a few round trips, or nothing at all for the emptying one.
            assertTrue(d < Durations.ms(3100), "rebalance lasted " + Durations.format(d) + ": " + g.rebalanceDurationsUs());
        }
        assertEquals(0L, g.rebalanceDurationsUs().get(1), "leaving as the last member ends the rebalance at once");
        for (TimeSeriesRow row : r.result().rows()) {
            if (row.second() > 21 && row.second() <= 100) {
                assertEquals(0.0, row.rebalancing(), "second " + row.second() + ": an empty group is not rebalancing");
            }
        }
    }
}
