package io.kgsim.protocol.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.testing.Ownership;
import io.kgsim.testing.Runs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each rebalance protocol does to ownership: eager stops the world, cooperative does not. */
class RebalanceShapeTest {

    private static String rollingRestart(String strategy, boolean staticMembership, String downtime) {
        return """
                name: shape
                seed: 21
                duration: 8m
                network:
                  latency: lognormal(1ms, 0.3)
                topics:
                  - name: orders
                    partitions: 12
                groups:
                  - group.id: billing
                    subscription: [orders]
                    consumers: 4
                    static.membership: %s
                    config:
                      partition.assignment.strategy: %s
                timeline:
                  - at: 30s
                    rolling-restart: {group: billing, interval: 60s, downtime: %s}
                """.formatted(staticMembership, strategy, downtime);
    }

    @ParameterizedTest
    @ValueSource(strings = {"range", "roundrobin", "sticky"})
    void anEagerRollingRestartLeavesEveryPartitionUnownedDuringEachRebalance(String strategy) {
        Runs.Recorded r = Runs.run(rollingRestart(strategy, false, "10s"));
        List<GroupEvent> completed = r.of(GroupEventType.REBALANCE_COMPLETED);
        assertEquals(9, completed.size(), "initial join, then a leave and a join per member");
        for (GroupEvent c : completed) {
            // When the leader's SyncGroup lands, every member revoked everything before its JoinGroup
            // and nobody has received the new assignment yet.
            Map<String, TreeSet<String>> owners = Ownership.at(r.events(), c.timeUs());
            for (int p = 0; p < 12; p++) {
                TreeSet<String> o = owners.get("orders-" + p);
                assertTrue(o == null || o.isEmpty(), "orders-" + p + " owned by " + o + " in generation " + c.epoch().generation());
            }
        }
        List<GroupEvent> revoked = r.of(GroupEventType.PARTITIONS_REVOKED);
        assertFalse(revoked.isEmpty(), "the restarts make members revoke");
        for (GroupEvent e : revoked) {
            assertTrue(e.owned().isEmpty(), "eager revokes everything: " + e);
        }
    }

    @Test
    void aCooperativeRollingRestartLeavesOnlyMovedPartitionsUnownedAndTakesTwoRebalancesPerJoin() {
        Runs.Recorded r = Runs.run(rollingRestart("cooperative-sticky", false, "10s"));
        // Every gap in a partition's ownership (after its first assignment) ends with a different owner:
        // a partition that is not moving is never unowned.
        Map<TopicPartition, String> lastOwner = new HashMap<>();
        Map<TopicPartition, Boolean> gap = new HashMap<>();
        Map<String, TreeSet<String>> owners = new HashMap<>();
        for (GroupEvent e : r.events()) {
            Ownership.apply(owners, e);
            if (e.type() == GroupEventType.PARTITIONS_ASSIGNED) {
                for (TopicPartition tp : e.partitions()) {
                    if (Boolean.TRUE.equals(gap.get(tp))) {
                        assertNotEquals(lastOwner.get(tp), e.member(), tp + " was unowned and went back to " + e.member() + " at " + e.timeUs());
                    }
                    lastOwner.put(tp, e.member());
                    gap.put(tp, false);
                }
            } else if (e.type() == GroupEventType.PARTITIONS_REVOKED || e.type() == GroupEventType.PARTITIONS_LOST) {
                for (TopicPartition tp : e.partitions()) {
                    gap.put(tp, true);
                }
                if (e.type() == GroupEventType.PARTITIONS_REVOKED && "cooperative-revocation".equals(e.reason())) {
                    assertFalse(e.owned().isEmpty(), "a cooperative member keeps what does not move: " + e);
                }
            }
        }
        // Each join of a restarted member: one rebalance that revokes, one follow-up that assigns.
        List<GroupEvent> restarts = r.filter(e -> e.type() == GroupEventType.MEMBER_STARTED && e.timeUs() > 0);
        assertEquals(4, restarts.size(), "each of the four members restarts once");
        for (GroupEvent start : restarts) {
            long next = nextEvent(r, GroupEventType.MEMBER_STOPPED, start.timeUs());
            List<GroupEvent> rebalances = r.filter(e -> e.type() == GroupEventType.REBALANCE_STARTED && e.timeUs() > start.timeUs() && e.timeUs() < next);
            assertEquals(2, rebalances.size(), "rebalances after " + start.member() + " restarted: " + rebalances);
            assertTrue(r.filter(e -> e.type() == GroupEventType.PARTITIONS_REVOKED && "cooperative-revocation".equals(e.reason())
                    && e.timeUs() > start.timeUs() && e.timeUs() < next).size() > 0);
        }
        // And each graceful leave costs one: the leaver's partitions have no other owner to wait for.
        List<GroupEvent> stops = r.of(GroupEventType.MEMBER_STOPPED);
        assertEquals(4, stops.size(), "each of the four members stops once");
        for (GroupEvent stop : stops) {
            List<GroupEvent> rebalances = r.filter(e -> e.type() == GroupEventType.REBALANCE_STARTED && e.timeUs() > stop.timeUs()
                    && e.timeUs() < stop.timeUs() + 10_000_000);
            assertEquals(1, rebalances.size(), "rebalances after " + stop.member() + " left: " + rebalances);
        }
        assertEquals(1 + 4 + 4 * 2, r.result().rebalances());
    }

    @ParameterizedTest
    @ValueSource(strings = {"range", "sticky", "cooperative-sticky"})
    void aStaticMemberRestartedWithinTheSessionTimeoutCausesNoRebalance(String strategy) {
        Runs.Recorded r = Runs.run(rollingRestart(strategy, true, "20s"));
        assertEquals(1, r.result().rebalances(), "only the initial join");
        assertEquals(4, r.of(GroupEventType.MEMBER_REPLACED).size());
        assertTrue(r.of(GroupEventType.MEMBER_REMOVED).isEmpty());
        assertTrue(r.of(GroupEventType.LEAVE_GROUP_SENT).isEmpty(), "static members send no LeaveGroup");
        assertEquals(0, r.result().partitionMovements());
        // Every member got back exactly what it had, generation unchanged.
        Map<String, List<TopicPartition>> before = new HashMap<>();
        int comparedAfterRestart = 0;
        for (GroupEvent e : r.of(GroupEventType.SYNCED)) {
            assertEquals(1, e.epoch().generation());
            List<TopicPartition> prev = before.putIfAbsent(e.member(), e.partitions());
            if (prev != null) {
                assertEquals(prev, e.partitions(), e.member() + " came back to a different assignment");
                comparedAfterRestart++;
            }
        }
        assertEquals(4, comparedAfterRestart, "every restarted member synced again and was compared");
        // The leader was restarted too (KIP-814): the rolling restart covers every member.
        assertEquals(List.of("c1", "c2", "c3", "c4"), r.of(GroupEventType.MEMBER_REPLACED).stream().map(GroupEvent::member).toList());
    }

    @Test
    void aStaticMemberDownLongerThanTheSessionTimeoutIsRemoved() {
        Runs.Recorded r = Runs.run(rollingRestart("range", true, "50s"));
        List<GroupEvent> removed = r.of(GroupEventType.MEMBER_REMOVED);
        assertEquals(4, removed.size());
        for (GroupEvent e : removed) {
            assertEquals("session-timeout", e.reason());
        }
    }

    private static long nextEvent(Runs.Recorded r, GroupEventType type, long after) {
        for (GroupEvent e : r.events()) {
            if (e.type() == type && e.timeUs() > after) {
                return e.timeUs();
            }
        }
        return Long.MAX_VALUE;
    }
}
