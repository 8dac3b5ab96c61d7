package io.kgsim.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.engine.Durations;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.testing.Ownership;
import io.kgsim.testing.Runs;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The faults real groups suffer, and what Kafka does about each. */
class FaultTest {

    static String scenario(String strategy, String clusterConfig, String timeline) {
        return """
                name: faults
                seed: 23
                duration: 5m
                cluster:
                  brokers: 3
                  racks: [az1, az2, az3]
                  config:
                    offsets.topic.num.partitions: 3
                %s
                network:
                  latency: lognormal(1ms, 0.3)
                topics:
                  - name: orders
                    partitions: 12
                    replication.factor: 2
                    produce:
                      rate: 1200/s
                  - name: refunds
                    partitions: 4
                    replication.factor: 2
                    produce:
                      rate: 100/s
                groups:
                  - group.id: billing
                    subscription: [orders]
                    consumers: 3
                    racks: [az1, az2, az3]
                    processing:
                      per.record: lognormal(500us, 0.4)
                    config:
                      partition.assignment.strategy: %s
                      auto.offset.reset: earliest
                      session.timeout.ms: 30000
                      metadata.max.age.ms: 60000
                timeline:
                %s
                """.formatted(clusterConfig, strategy, timeline);
    }

    /** Which broker hosts billing's coordinator: __consumer_offsets partition abs(hash) % 3. */
    static int coordinatorBroker() {
        return Math.abs("billing".hashCode()) % 3;
    }

    @ParameterizedTest
    @ValueSource(strings = {"range", "cooperative-sticky"})
    void aCrashOfTheCoordinatorsBrokerDelaysButDoesNotLoseTheGroup(String strategy) {
        int broker = coordinatorBroker();
        Runs.Recorded r = Runs.run(scenario(strategy, "", "  - at: 60s\n    broker-crash: {broker: " + broker + ", for: 2m}"));
        GroupEvent loaded = r.first(GroupEventType.COORDINATOR_LOADED, null);
        // broker.session.timeout.ms (9 s) after the crash the controller moves the leaderships.
        assertEquals(Durations.seconds(69), loaded.timeUs());
        assertTrue(r.filter(e -> e.type() == GroupEventType.COORDINATOR_UNKNOWN).size() >= 3, "every member lost its coordinator");
        assertTrue(r.of(GroupEventType.MEMBER_REMOVED).isEmpty(), "nobody was removed: sessions restart when the group is loaded");
        assertEquals(1, r.result().rebalances(), "no rebalance beyond the first");
        assertEquals(0, r.result().recordsLost());
        // Everyone heartbeats the new coordinator again: the group is stable, all partitions owned.
        Map<String, TreeSet<String>> owners = Ownership.at(r.events(), Long.MAX_VALUE);
        for (int p = 0; p < 12; p++) {
            assertEquals(1, owners.get("orders-" + p).size());
        }
        // Commits resume: the last committed offsets are recent.
        List<GroupEvent> commits = r.of(GroupEventType.OFFSETS_COMMITTED);
        assertTrue(commits.get(commits.size() - 1).timeUs() > Durations.seconds(290));
    }

    @ParameterizedTest
    @ValueSource(strings = {"range", "cooperative-sticky"})
    void aMemberCutOffFromItsCoordinatorIsRemovedAndRejoinsAsANewMemberAfterTheCut(String strategy) {
        Runs.Recorded r = Runs.run(scenario(strategy, "", "  - at: 60s\n    cut-network: {member: billing/c2, for: 60s}"));
        GroupEvent removed = r.first(GroupEventType.MEMBER_REMOVED, "c2");
        assertEquals("session-timeout", removed.reason());
        long sinceCut = removed.timeUs() - Durations.seconds(60);
        assertTrue(sinceCut >= Durations.ms(30_000 - 3_000) && sinceCut <= Durations.ms(30_100), "removed " + Durations.format(sinceCut) + " into the cut");
        // c2 keeps fetching until it learns, after the cut, that it was removed: a zombie, whose
        // uncommitted work the new owners repeat.
        GroupEvent lost = r.filter(e -> e.type() == GroupEventType.PARTITIONS_LOST && "c2".equals(e.member())).get(0);
        assertTrue(lost.timeUs() >= Durations.seconds(120), "c2 learns only once the network is back");
        assertTrue(r.result().recordsDuplicated() > 0);
        assertTrue(r.filter(e -> e.type() == GroupEventType.COMMIT_FAILED && "c2".equals(e.member())).size() > 0, "its commits failed");
        // Then it rejoins and the group ends with every partition owned once.
        assertTrue(r.filter(e -> e.type() == GroupEventType.JOINED && "c2".equals(e.member()) && e.timeUs() > lost.timeUs()).size() > 0);
        Map<String, TreeSet<String>> owners = Ownership.at(r.events(), Long.MAX_VALUE);
        for (int p = 0; p < 12; p++) {
            assertEquals(1, owners.get("orders-" + p).size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"range", "cooperative-sticky"})
    void addedPartitionsAreSeenAtTheLeadersNextMetadataRefreshAndARebalanceFollows(String strategy) {
        Runs.Recorded r = Runs.run(scenario(strategy, "", "  - at: 50s\n    add-partitions: {topic: orders, count: 18}"));
        GroupEvent noticed = r.first(GroupEventType.METADATA_CHANGED, null);
        assertTrue(noticed.timeUs() > Durations.seconds(50) && noticed.timeUs() <= Durations.seconds(50 + 60 + 1), "noticed at " + Durations.format(noticed.timeUs()));
        // The initial join and the one the leader asks for: new partitions have no owner to revoke
        // them, so even cooperative needs no follow-up.
        assertEquals(2, r.result().rebalances());
        Map<String, TreeSet<String>> owners = Ownership.at(r.events(), Long.MAX_VALUE);
        for (int p = 0; p < 18; p++) {
            assertEquals(1, owners.get("orders-" + p).size(), "orders-" + p);
        }
        // Until then the new partitions were unowned: 6 of them for at least (noticed - 50 s).
        assertTrue(r.result().unownedPartitionUs() >= 6 * (noticed.timeUs() - Durations.seconds(50)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"range", "cooperative-sticky"})
    void aSubscriptionChangeRebalancesAndTheNewTopicGetsConsumed(String strategy) {
        Runs.Recorded r = Runs.run(scenario(strategy, "", "  - at: 40s\n    subscribe: {member: billing/c1, topics: [orders, refunds]}"));
        Map<String, TreeSet<String>> before = Ownership.at(r.events(), Durations.seconds(40));
        Map<String, TreeSet<String>> owners = Ownership.at(r.events(), Long.MAX_VALUE);
        for (int p = 0; p < 4; p++) {
            TreeSet<String> earlier = before.get("refunds-" + p);
            assertTrue(earlier == null || earlier.isEmpty(), "nobody owns refunds-" + p + " before the change: " + earlier);
            assertEquals(java.util.Set.of("c1"), owners.get("refunds-" + p), "only c1 subscribes to refunds");
        }
        assertTrue(r.result().recordsConsumed() > 1200 * 250 + 100 * 200);
    }

    @org.junit.jupiter.api.Test
    void rackAwareFetchingCutsCrossRackTraffic() {
        String selector = "    replica.selector.class: org.apache.kafka.common.replica.RackAwareReplicaSelector";
        long fromLeader = Runs.run(scenario("range", "", "  []")).result().crossRackBytes();
        Runs.Recorded rackAware = Runs.run(scenario("range", selector, "  []"));
        long fromFollower = rackAware.result().crossRackBytes();
        // Replication factor 2 over 3 racks: a member still crosses racks for the partitions with
        // no replica in its rack, about a third; from the leader alone it is about two thirds.
        assertTrue(fromLeader > 0.3 * rackAware.result().recordsConsumed() * 1024, "from the leader: " + fromLeader);
        assertTrue(fromFollower < 0.75 * fromLeader && fromFollower > 0, "rack-aware: " + fromFollower + " vs " + fromLeader);
    }
}
