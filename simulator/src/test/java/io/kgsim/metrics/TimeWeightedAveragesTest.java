package io.kgsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Per-second states are averages over the second, not the value its last instant happened to hold. */
class TimeWeightedAveragesTest {
    private static final long S = 1_000_000L;

    private static List<TopicPartition> partitions(int from, int to) {
        List<TopicPartition> out = new ArrayList<>();
        for (int p = from; p < to; p++) {
            out.add(new TopicPartition("orders", p));
        }
        return out;
    }

    private static GroupEvent change(long us, GroupEventType type, String member, List<TopicPartition> changed, List<TopicPartition> owned) {
        return GroupEvent.ownership(us, type, "g", member, Epoch.generation(1), null, changed, owned);
    }

    @Test
    void a200MsUnownedSpikeWithinASecondReadsAsAFifthOfItsHeight() {
        List<TopicPartition> all = partitions(0, 20);
        OwnershipLedger ledger = new OwnershipLedger("g", List.of());
        ledger.track(all, 0);
        ledger.on(change(0, GroupEventType.PARTITIONS_ASSIGNED, "c1", all, all));
        assertEquals(0.0, ledger.takeUnownedAverage(S), 1e-12, "second 1: all 20 owned from the start");
        // 10 partitions revoked at 1.3 s and assigned again at 1.5 s: unowned 10 high for 200 ms.
        List<TopicPartition> half = partitions(0, 10);
        ledger.on(change(S + 300_000, GroupEventType.PARTITIONS_REVOKED, "c1", half, partitions(10, 20)));
        ledger.on(change(S + 500_000, GroupEventType.PARTITIONS_ASSIGNED, "c2", half, half));
        assertEquals(2.0, ledger.takeUnownedAverage(2 * S), 1e-12, "0.2 s x 10 partitions over a second");
        assertEquals(0, ledger.unownedNow(), "what a sample at the end of the second saw");
        assertEquals(0.0, ledger.takeUnownedAverage(3 * S), 1e-12);
        assertEquals(2_000_000L, ledger.unownedPartitionUs(), "the run total agrees: 10 partitions x 200 ms");
    }

    @Test
    void rebalancingMembersAndImbalanceAreAveragedOverTheSecond() {
        io.kgsim.scenario.Scenario s = io.kgsim.testing.Runs.parse("""
                name: t
                duration: 10s
                topics:
                  - name: orders
                    partitions: 4
                    produce:
                      rate: 400/s
                groups:
                  - group.id: g
                    subscription: [orders]
                    consumers: 2
                    processing:
                      per.record: 1ms
                """);
        io.kgsim.cluster.DataPlane data = new io.kgsim.cluster.DataPlane(
                new io.kgsim.cluster.ClusterModel(s.cluster(), s.topics(), s.seed()), s.topics(), false);
        GroupStateAverages state = new GroupStateAverages("g", data);
        state.on(GroupEvent.member(0, GroupEventType.MEMBER_STARTED, "g", "c1", Epoch.NONE, null));
        state.on(GroupEvent.member(0, GroupEventType.MEMBER_STARTED, "g", "c2", Epoch.NONE, null));
        state.on(change(0, GroupEventType.PARTITIONS_ASSIGNED, "c1", partitions(0, 2), partitions(0, 2)));
        state.on(change(0, GroupEventType.PARTITIONS_ASSIGNED, "c2", partitions(2, 4), partitions(2, 4)));
        GroupStateAverages.Second first = state.endSecond(S);
        assertEquals(2.0, first.members(), 1e-12);
        assertEquals(1.0, first.maxOverMeanLoad(), 1e-12, "2 partitions each, equal rates");
        assertEquals(0.0, first.partitionCountSpread(), 1e-12);
        assertEquals(0.0, first.rebalancing(), 1e-12);
        // [1.3, 1.5) s a rebalance: c2 has nothing (c1 twice the mean load, spread 2); from 1.9 s a
        // third member with nothing (c1's load 1.5x the mean of three, spread 2).
        state.on(GroupEvent.group(S + 300_000, GroupEventType.REBALANCE_STARTED, "g", Epoch.generation(1), "c3 joins"));
        state.on(change(S + 300_000, GroupEventType.PARTITIONS_REVOKED, "c2", partitions(2, 4), List.of()));
        state.on(change(S + 500_000, GroupEventType.PARTITIONS_ASSIGNED, "c2", partitions(2, 4), partitions(2, 4)));
        state.on(GroupEvent.group(S + 500_000, GroupEventType.REBALANCE_COMPLETED, "g", Epoch.generation(2), null));
        state.on(GroupEvent.member(S + 900_000, GroupEventType.MEMBER_STARTED, "g", "c3", Epoch.NONE, null));
        GroupStateAverages.Second second = state.endSecond(2 * S);
        assertEquals(0.2, second.rebalancing(), 1e-12, "200 ms of the second");
        assertEquals(0.9 * 2 + 0.1 * 3, second.members(), 1e-12);
        assertEquals(0.3 * 1 + 0.2 * 2 + 0.4 * 1 + 0.1 * 1.5, second.maxOverMeanLoad(), 1e-12);
        assertEquals(0.2 * 2 + 0.1 * 2, second.partitionCountSpread(), 1e-12);
        assertEquals((1.0 + 1.25) / 2, state.runMaxOverMeanLoad(), 1e-12, "the run's time average");
    }

    @Test
    void aSecondWithNoRunningMemberHasNoImbalance() {
        GroupStateAverages state = new GroupStateAverages("g", null);
        GroupStateAverages.Second s = state.endSecond(S);
        assertEquals(0.0, s.members(), 1e-12);
        assertEquals(Double.NaN, s.maxOverMeanLoad());
        assertEquals(-1.0, s.partitionCountSpread());
        assertEquals(Double.NaN, state.runMaxOverMeanLoad());
    }
}
