package io.kgsim.protocol.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import io.kgsim.engine.SimulationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The group's count of parked JoinGroups against a walk over its members, and its state machine's door. */
class ClassicGroupTest {
    private static final Consumer<JoinGroupResponse> PARKED = r -> { };

    private static ClassicGroupMember member(String id) {
        return new ClassicGroupMember(id, null, id, 45_000, 300_000, List.of(new Protocol("range", new byte[] {1})));
    }

    private static int walk(ClassicGroup g) {
        int n = 0;
        for (ClassicGroupMember m : g.members.values()) {
            if (m.isAwaitingJoin()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void parkedJoinsAreCountedAsMembersParkArriveAndLeave() {
        ClassicGroup g = new ClassicGroup("g", new Simulation(1));
        ClassicGroupMember a = member("a");
        a.awaitJoin(PARKED);          // parked before it is added (a new member's first JoinGroup)
        g.add(a);
        ClassicGroupMember b = member("b");
        g.add(b);
        assertEquals(1, g.numAwaitingJoin());
        assertFalse(g.hasAllMembersJoined());
        b.awaitJoin(PARKED);
        b.awaitJoin(PARKED);          // a second park of the same member counts once
        assertEquals(2, g.numAwaitingJoin());
        assertTrue(g.hasAllMembersJoined());
        g.remove("a");                // removed while parked (session expiry, static replacement)
        assertEquals(1, g.numAwaitingJoin());
        a.awaitJoin(null);            // a removed member no longer counts in its old group
        assertEquals(1, g.numAwaitingJoin());
        b.awaitJoin(null);
        assertEquals(0, g.numAwaitingJoin());
    }

    @Test
    void theCountEqualsAWalkAfterAnySequenceOfOperations() {
        Random random = new Random(7);
        ClassicGroup g = new ClassicGroup("g", new Simulation(1));
        List<ClassicGroupMember> everyone = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            int op = random.nextInt(4);
            if (op == 0 || everyone.isEmpty()) {
                ClassicGroupMember m = member("m" + step);
                if (random.nextBoolean()) {
                    m.awaitJoin(PARKED);
                }
                everyone.add(m);
                g.add(m);
            } else {
                ClassicGroupMember m = everyone.get(random.nextInt(everyone.size()));
                switch (op) {
                    case 1 -> m.awaitJoin(PARKED);
                    case 2 -> m.awaitJoin(null);
                    default -> g.remove(m.memberId);
                }
            }
            assertEquals(walk(g), g.numAwaitingJoin(), "after step " + step);
        }
    }

    @Test
    void anIllegalStateMoveStopsWithTheSeedAndTheVirtualTime() {
        Simulation sim = new Simulation(42);
        sim.run(Durations.ms(1500));
        ClassicGroup g = new ClassicGroup("g", sim);
        SimulationException e = assertThrows(SimulationException.class, () -> g.transitionTo(ClassicGroupState.STABLE));
        assertEquals(42, e.seed());
        assertEquals(Durations.ms(1500), e.timeUs());
        assertTrue(e.getMessage().contains("(seed 42)") && e.getMessage().contains("t=1.500s"), e.getMessage());
        assertTrue(e.getMessage().contains("group g cannot move from Empty to Stable: Stable may only follow [CompletingRebalance]"), e.getMessage());
        assertEquals(ClassicGroupState.EMPTY, g.state, "the illegal move did not happen");
        g.transitionTo(ClassicGroupState.PREPARING_REBALANCE);
        assertEquals(ClassicGroupState.EMPTY, g.previousState);
    }

    @Test
    void everyStateMoveTheTableAllowsIsTakenAndNoOther() {
        for (ClassicGroupState from : ClassicGroupState.values()) {
            for (ClassicGroupState to : ClassicGroupState.values()) {
                ClassicGroup g = new ClassicGroup("g", new Simulation(1));
                g.state = from;
                if (to.canFollow(from)) {
                    g.transitionTo(to);
                    assertEquals(to, g.state);
                } else {
                    assertThrows(SimulationException.class, () -> g.transitionTo(to), from + " -> " + to);
                }
            }
        }
        assertTrue(ClassicGroupState.COMPLETING_REBALANCE.canFollow(ClassicGroupState.PREPARING_REBALANCE));
        assertFalse(ClassicGroupState.STABLE.canFollow(ClassicGroupState.PREPARING_REBALANCE), "Stable comes only after the leader's SyncGroup");
    }
}
