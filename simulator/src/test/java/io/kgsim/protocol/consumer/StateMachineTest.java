package io.kgsim.protocol.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.cluster.Partitions;
import io.kgsim.engine.Simulation;
import io.kgsim.engine.SimulationException;
import io.kgsim.protocol.GroupEvent;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The group's and members' state machines refuse what Kafka never does, loudly, with seed and time. */
class StateMachineTest {

    @Test
    void aGroupNeverGoesFromEmptyToAssigningAndSaysSoWithSeedAndTime() {
        Simulation sim = new Simulation(42);
        sim.run(3_000_000);
        ConsumerGroup g = new ConsumerGroup("g", sim);
        SimulationException e = assertThrows(SimulationException.class, () -> g.transitionTo(ConsumerGroupState.ASSIGNING));
        assertEquals(42, e.seed());
        assertEquals(3_000_000, e.timeUs());
        assertTrue(e.getMessage().contains("cannot go from Empty to Assigning"), e.getMessage());
        g.transitionTo(ConsumerGroupState.STABLE);
        g.transitionTo(ConsumerGroupState.ASSIGNING);
        g.transitionTo(ConsumerGroupState.RECONCILING);
        g.transitionTo(ConsumerGroupState.EMPTY);
        assertEquals(ConsumerGroupState.EMPTY, g.state());
    }

    @Test
    void onlyARevokingMemberHasPartitionsPendingRevocation() {
        assertTrue(ConsumerGroupMemberState.UNREVOKED_PARTITIONS.consistentWith(false));
        assertFalse(ConsumerGroupMemberState.UNREVOKED_PARTITIONS.consistentWith(true));
        assertTrue(ConsumerGroupMemberState.STABLE.consistentWith(true));
        assertFalse(ConsumerGroupMemberState.UNRELEASED_PARTITIONS.consistentWith(false));
    }

    @Test
    void aPartitionHeldByOneMemberCannotBeGivenToAnother() {
        Simulation sim = new Simulation(5);
        ConsumerGroup g = new ConsumerGroup("g", sim);
        TopicPartition tp = new TopicPartition("t", 0);
        TreeMap<TopicPartition, Integer> held = new TreeMap<>(Partitions.ORDER);
        held.put(tp, 1);
        CurrentAssignment holding = new CurrentAssignment(ConsumerGroupMemberState.STABLE, 1, 0, held, new TreeMap<>(Partitions.ORDER));
        ConsumerGroupMember a = new ConsumerGroupMember("a");
        a.assignment = holding;
        g.add(a);
        ConsumerGroupMember b = new ConsumerGroupMember("b");
        g.add(b);
        SimulationException e = assertThrows(SimulationException.class, () -> g.updateAssignment(b, holding));
        assertTrue(e.getMessage().contains("while another member still holds it"), e.getMessage());
        assertEquals(1, g.partitionEpoch(tp));
        g.remove(a);
        assertEquals(-1, g.partitionEpoch(tp), "a removed member's partitions are free at once");
    }

    @Test
    void theSameRequestsGiveTheSameEventsAndTargets() {
        assertEquals(run(), run());
    }

    private static List<Object> run() {
        CoordinatorHarness h = new CoordinatorHarness(12);
        for (String c : List.of("c5", "c1", "c4", "c2", "c3")) {
            h.at(h.nowMs() + 300);
            h.client(c).join();
        }
        h.at(5000);
        for (String c : List.of("c1", "c2", "c3", "c4", "c5")) {
            h.client(c).heartbeat();
            h.client(c).ack();
        }
        h.client("c3").leave(ConsumerGroupHeartbeatRequest.LEAVE_GROUP_MEMBER_EPOCH);
        h.at(7000);
        h.client("c1").heartbeat();
        List<Object> out = new java.util.ArrayList<>(h.events.stream().map(GroupEvent::toString).toList());
        for (String c : List.of("c1", "c2", "c4", "c5")) {
            out.add(h.coordinator.targetAssignment(CoordinatorHarness.GROUP, h.client(c).memberId));
        }
        return out;
    }
}
