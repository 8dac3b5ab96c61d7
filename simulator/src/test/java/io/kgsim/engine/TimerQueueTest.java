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
 */
class TimerQueueTest {
    private static final Comparator<Timer> ORDER = Comparator.<Timer>comparingLong(t -> t.time).thenComparingLong(t -> t.seq);

    private final TimerQueue queue = new TimerQueue();
    private final TreeSet<Timer> reference = new TreeSet<>(ORDER);
    private final List<Timer> timers = new ArrayList<>();
    private final SplittableRandom rnd = new SplittableRandom(7);
    private long now;
    private long seq;

    @Test
    void popsInTimeThenSequenceOrderWhileTheBucketWidthFollowsTheLoad() {
        for (int i = 0; i < 200; i++) {
            timers.add(new Timer(() -> { }));
        }
        // Sparse: 200 timers re-armed 0.5 to 3 s out, one in ten beyond the horizon.
        phase(200, 3_000_000, 60_000);
        assertEquals(14, queue.widthShift(), "a sparse load widens the buckets to 16 ms");
        for (int i = 0; i < 20_000; i++) {
            timers.add(new Timer(() -> { }));
        }
        // Dense: 20,200 timers re-armed within 30 ms: hundreds per bucket.
        phase(20_200, 30_000, 1_000_000);
        assertEquals(11, queue.widthShift(), "a dense load narrows them back to 2 ms");
        phase(200, 3_000_000, 60_000);
        drain();
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
