package io.kgsim.protocol.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.engine.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The group's count of parked JoinGroups against a walk over its members. */
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
}
