package io.kgsim.invariant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionOwnersTest {
    @Test
    void oneOwnerThenASecondThenEachGivingUp() {
        PartitionOwners o = new PartitionOwners();
        assertEquals(0, o.live(-1, Set.of(), null), "a partition no event named");
        assertEquals(0, o.live(40, Set.of(), null), "beyond what was ever owned");
        assertEquals("[]", o.text(40));
        assertFalse(o.remove(40, "c1"));
        o.add(40, "c2");
        o.add(40, "c2");
        assertEquals(1, o.live(40, Set.of(), null));
        assertEquals(0, o.live(40, Set.of(), "c2"), "except the asking member");
        assertEquals(0, o.live(40, Set.of("c2"), null), "a zombie does not count");
        o.add(40, "c1");
        assertEquals("[c1, c2]", o.text(40), "sorted");
        assertEquals(2, o.live(40, Set.of(), null));
        assertEquals(1, o.live(40, Set.of("c1"), null));
        assertTrue(o.remove(40, "c2"));
        assertFalse(o.remove(40, "c2"));
        assertEquals("[c1]", o.text(40));
        assertTrue(o.remove(40, "c1"));
        assertEquals(0, o.live(40, Set.of(), null));
        assertEquals("[]", o.text(39));
    }
}
