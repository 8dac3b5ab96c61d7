package io.kgsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The calendar queue against a sorted reference, across the loads that make it change its
 * bucket width: a sparse phase (a few timers, seconds apart: the width doubles up to its
 * maximum), a dense phase (thousands of timers within a few milliseconds: it halves back),
 * and timers beyond the horizon throughout, so the far heap, the buckets and near all take part.
 * The test never reads the width: the queue's contract is its (time, sequence) order, whatever
 * width it chooses, and a wrong re-bucketing shows up as a pop out of order.
 */
class TimerQueueTest {
    private static final Comparator<Timer> ORDER = Comparator.<Timer>comparingLong(t -> t.time).thenComparingLong(t -> t.seq);

    private final TimerQueue queue = new TimerQueue();
    private final TreeSet<Timer> reference = new TreeSet<>(ORDER);
    private final List<Timer> timers = new ArrayList<>();
    private final SplittableRandom rnd = new SplittableRandom(7);
    private long now;
    private long seq;
    private long pops;

    @Test
    void popsInTimeThenSequenceOrderWhateverTheLoad() {
        for (int i = 0; i < 200; i++) {
            timers.add(new Timer(() -> { }));
        }
        // Sparse: 200 timers re-armed 0.5 to 3 s out, one in ten beyond the horizon.
        phase(200, 3_000_000, 60_000);
        for (int i = 0; i < 20_000; i++) {
            timers.add(new Timer(() -> { }));
        }
        // Dense: 20,200 timers re-armed within 30 ms: hundreds per bucket.
        phase(20_200, 30_000, 1_000_000);
        phase(200, 3_000_000, 60_000);
        drain();
        // Every timer armed was popped once, in order: a run that compared next to nothing
        // (the comparisons are all in pop()) must not pass.
        assertTrue(pops > 300_000, "pops compared: " + pops);
    }

    @Test
    void pollBeforeTakesOnlyATimerDueStrictlyBeforeTheBound() {
        Timer later = new Timer(() -> { });
        Timer first = new Timer(() -> { });
        arm(later, 90_000_000);
        arm(first, 5_000);
        assertNull(queue.pollBefore(5_000), "due at the bound: not before it");
        assertEquals(2, queue.size(), "a refused poll takes nothing");
        assertTrue(queue.pollBefore(5_001) == first);
        assertNull(queue.pollBefore(90_000_000));
        assertTrue(queue.peek() == later, "a timer beyond the horizon is still the next one");
        assertTrue(queue.pollBefore(Long.MAX_VALUE) == later);
        assertNull(queue.pollBefore(Long.MAX_VALUE));
        assertEquals(0, queue.size());
    }

    /** Runs {@code steps} operations on the first {@code active} timers, comparing every pop. */
    private void phase(int active, long maxDelayUs, int steps) {
        for (int i = 0; i < steps; i++) {
            Timer t = timers.get(rnd.nextInt(active));
            int op = rnd.nextInt(10);
            if (op < 7) {
                long delay = rnd.nextInt(10) == 0 ? 70_000_000 + rnd.nextLong(200_000_000) : rnd.nextLong(maxDelayUs);
                arm(t, now + delay);
            } else if (op < 8 && t.isPending()) {
                reference.remove(t);
                queue.remove(t);
            }
            if (rnd.nextInt(3) == 0) {
                pop();
            }
            assertEquals(reference.size(), queue.size());
        }
    }

    private void arm(Timer t, long time) {
        if (t.isPending()) {
            reference.remove(t);
            t.time = time;
            t.seq = seq++;
            queue.update(t);
        } else {
            t.time = time;
            t.seq = seq++;
            queue.add(t);
        }
        reference.add(t);
    }

    private void pop() {
        Timer expected = reference.pollFirst();
        Timer actual = queue.pollBefore(Long.MAX_VALUE);
        assertTrue(expected == actual, () -> "expected the timer due at " + expected.time + ", got " + (actual == null ? null : actual.time));
        if (actual != null) {
            now = actual.time;
            pops++;
        }
    }

    private void drain() {
        while (!reference.isEmpty()) {
            pop();
        }
        assertNull(queue.pollBefore(Long.MAX_VALUE));
        assertEquals(0, queue.size());
    }
}
