package io.kgsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import java.util.List;
import org.junit.jupiter.api.Test;

class RebalanceDurationsTest {
    private static GroupEvent at(long us, GroupEventType type, String group) {
        return GroupEvent.group(us, type, group, Epoch.generation(1), null);
    }

    @Test
    void aRestartedRebalanceKeepsItsFirstStartAndAnUnfinishedOneIsOpen() {
        RebalanceDurations d = new RebalanceDurations("g");
        d.on(at(1_000, GroupEventType.REBALANCE_STARTED, "g"));
        d.on(at(1_500, GroupEventType.REBALANCE_STARTED, "other"));
        d.on(at(2_000, GroupEventType.REBALANCE_STARTED, "g"));
        d.on(at(4_000, GroupEventType.REBALANCE_COMPLETED, "g"));
        d.on(at(9_000, GroupEventType.REBALANCE_COMPLETED, "other"));
        d.on(at(10_000, GroupEventType.REBALANCE_STARTED, "g"));
        assertEquals(List.of(3_000L), d.durationsUs(), "from the first start to completed, other groups ignored");
        assertEquals(1, d.open());
    }

    @Test
    void percentilesInterpolateAsNumpyDoes() {
        RebalanceDurationStats s = RebalanceDurationStats.of(List.of(400L, 100L, 300L, 200L), 1);
        assertEquals(4, s.count());
        assertEquals(1, s.open());
        // numpy.percentile([100, 200, 300, 400], [50, 95]) = [250, 385]
        assertEquals(250.0, s.p50Us(), 1e-9);
        assertEquals(385.0, s.p95Us(), 1e-9);
        assertEquals(400L, s.maxUs());
        RebalanceDurationStats none = RebalanceDurationStats.of(List.of(), 0);
        assertEquals(0, none.count());
        assertEquals(Double.NaN, none.p50Us());
    }
}
