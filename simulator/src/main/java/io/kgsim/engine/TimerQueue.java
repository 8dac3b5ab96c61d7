package io.kgsim.engine;

import java.util.Arrays;

/**
 * The pending timers, ordered by (time, sequence): a calendar of buckets in front of two small
 * heaps.
 *
 * <ul>
 * <li>{@code near}: a heap holding every timer due up to the end of the current bucket;
 *     the next event is its top;
 * <li>{@code buckets}: unsorted arrays, one per slot of the calendar, with a bitmap of the
 *     non-empty ones; when {@code near} runs dry the next non-empty bucket is poured into it;
 * <li>{@code far}: a heap for timers beyond the calendar's horizon (rebalance timeouts,
 *     timeline actions), moved into buckets as the calendar reaches them.
 * </ul>
 *
 * A binary heap of 10^5 timers (one per heartbeat and session timeout of a large group) spends
 * its time in cache misses; here scheduling, cancelling and re-arming a timer within the
 * horizon are O(1) and only the few timers of the current bucket are ever sorted.
 *
 * <p>The bucket width follows the load, as in Brown's calendar queue (CACM 1988): a pour should
 * move a handful of timers. Too narrow, and a sparse load (the SimPy anchor's thousand members)
 * pays for a bucket visit per event; too wide, and a dense one (10^5 timers re-armed at random)
 * sorts hundreds of timers per pour. Every {@value #WINDOW} pours (or sooner, once that many
 * average-sized dense pours' worth of timers went through) the average pour decides:
 * under {@value #WIDEN_BELOW} the width doubles, over {@value #NARROW_ABOVE} it halves, between
 * 2 ms (a 67 s horizon, covering Kafka's default 45 s session timeout) and 16 ms. The order of
 * events never depends on the width: it is (time, sequence) whatever the buckets.
 */
final class TimerQueue {
    private static final int MIN_SHIFT = 11;                // 2,048 us per bucket: a 67 s horizon
    private static final int MAX_SHIFT = 14;                // 16,384 us per bucket
    private static final int SLOTS = 1 << 15;
    private static final int MASK = SLOTS - 1;
    private static final int WINDOW = 1024;
    private static final int WIDEN_BELOW = 4;
    private static final int NARROW_ABOVE = 64;

    static final byte NONE = 0;
    static final byte NEAR = 1;
    static final byte BUCKET = 2;
    static final byte FAR = 3;

    private final TimerHeap near = new TimerHeap();
    private final TimerHeap far = new TimerHeap();
    private final Timer[][] buckets = new Timer[SLOTS][];
    private final int[] bucketSizes = new int[SLOTS];
    private final long[] occupied = new long[SLOTS / 64];
    /** Live timers in buckets. */
    private int inBuckets;
    /** Entries in buckets whose timer was cancelled or moved earlier; dropped when poured. */
    private int staleEntries;
    private long[] pourSlots = new long[64];
    /** The current slot: {@code near} holds every timer of this slot and before. */
    private long current;
    /** log2 of the bucket width in microseconds. */
    private int shift = MIN_SHIFT;
    private int poursInWindow;
    private long pouredInWindow;

    int size() {
        return near.size() + inBuckets + far.size();
    }

    void add(Timer t) {
        long slot = t.time >> shift;
        if (slot <= current) {
            t.where = NEAR;
            near.add(t);
        } else if (slot < current + SLOTS) {
            addToBucket(t, (int) (slot & MASK));
        } else {
            t.where = FAR;
            far.add(t);
        }
    }

    void remove(Timer t) {
        switch (t.where) {
            case NEAR -> near.remove(t);
            case FAR -> far.remove(t);
            case BUCKET -> removeFromBucket(t);
            default -> throw new IllegalStateException("timer is not queued");
        }
        t.where = NONE;
        t.index = -1;
    }

    /**
     * {@code t}'s key changed while queued. A bucketed timer moved later stays where it is and
     * only carries its new deadline: when its old bucket is poured it moves on to the right
     * one. A heartbeat pushing its session timeout out thus costs no queue work at all, however
     * often it happens; the entry moves once per bucket it reaches, not once per re-arm.
     */
    void update(Timer t) {
        long slot = t.time >> shift;
        if (t.where == NEAR && slot <= current) {
            near.update(t);
            return;
        }
        if (t.where == BUCKET && slot >= t.slot) {
            return;
        }
        remove(t);
        add(t);
    }

    Timer peek() {
        if (near.size() == 0 && !advance()) {
            return null;
        }
        return near.peek();
    }

    /**
     * The next timer if it is due strictly before {@code untilUs}, taken off the queue; else
     * null ({@code Long.MAX_VALUE}: the next timer, if any).
     */
    Timer pollBefore(long untilUs) {
        if (near.size() == 0 && !advance()) {
            return null;
        }
        Timer t = near.peek();
        if (t.time >= untilUs) {
            return null;
        }
        near.poll();
        t.where = NONE;
        return t;
    }

    /**
     * Moves the calendar to the next slot holding live timers and pours that slot into
     * {@code near}; false when nothing is pending.
     */
    private boolean advance() {
        if (poursInWindow >= WINDOW || pouredInWindow >= (long) WINDOW * NARROW_ABOVE) {
            adaptWidth();
        }
        while (near.size() == 0) {
            long nextBucket = bucketsHoldEntries() ? nextOccupiedSlot() : Long.MAX_VALUE;
            long nextFar = far.size() > 0 ? far.peek().time >> shift : Long.MAX_VALUE;
            long next = Math.min(nextBucket, nextFar);
            if (next == Long.MAX_VALUE) {
                return false;
            }
            current = next;
            if (next == nextBucket) {
                pour((int) (next & MASK));
            }
            // Far timers now within the horizon move into their bucket (or straight into near).
            while (far.size() > 0 && (far.peek().time >> shift) < current + SLOTS) {
                add(far.poll());
            }
        }
        return true;
    }

    private boolean bucketsHoldEntries() {
        return inBuckets > 0 || staleEntries > 0;
    }

    /**
     * Empties bucket {@code b}: live timers go into {@code near}, or on to a later bucket if they
     * were re-armed later meanwhile; entries left behind by a cancel or an earlier re-arm are
     * dropped. Two passes: a tight first loop loads every deadline, so the cache misses on the
     * timers overlap instead of queueing up behind each heap insertion.
     */
    private void pour(int b) {
        Timer[] items = buckets[b];
        int n = bucketSizes[b];
        bucketSizes[b] = 0;
        occupied[b >>> 6] &= ~(1L << b);
        poursInWindow++;
        pouredInWindow += n;
        long[] slots = pourSlots.length >= n ? pourSlots : (pourSlots = new long[Math.max(n, pourSlots.length * 2)]);
        for (int i = 0; i < n; i++) {
            Timer t = items[i];
            slots[i] = t.where == BUCKET && (int) (t.slot & MASK) == b && t.index == i ? t.time >> shift : -1;
        }
        for (int i = 0; i < n; i++) {
            Timer t = items[i];
            items[i] = null;
            long slot = slots[i];
            if (slot < 0) {
                staleEntries--;
                continue;
            }
            inBuckets--;
            if (slot <= current) {
                t.where = NEAR;
                near.add(t);
            } else {
                add(t);
            }
        }
    }

    /**
     * Doubles or halves the bucket width when the last window of pours says the load
     * changed. Called with {@code near} empty: every timer is due after the current slot, so
     * the bucketed ones are taken out and put back by the new width, and nothing moves to near.
     */
    private void adaptWidth() {
        long average = pouredInWindow / poursInWindow;
        poursInWindow = 0;
        pouredInWindow = 0;
        int to = average < WIDEN_BELOW ? shift + 1 : average > NARROW_ABOVE ? shift - 1 : shift;
        if (to < MIN_SHIFT || to > MAX_SHIFT || to == shift) {
            return;
        }
        Timer[] live = new Timer[inBuckets];
        int k = 0;
        for (int word = 0; word < occupied.length; word++) {
            for (long bits = occupied[word]; bits != 0; bits &= bits - 1) {
                int b = (word << 6) + Long.numberOfTrailingZeros(bits);
                Timer[] items = buckets[b];
                for (int i = 0, n = bucketSizes[b]; i < n; i++) {
                    Timer t = items[i];
                    items[i] = null;
                    if (t.where == BUCKET && (int) (t.slot & MASK) == b && t.index == i) {
                        live[k++] = t;
                    }
                }
                bucketSizes[b] = 0;
            }
            occupied[word] = 0;
        }
        if (k != inBuckets) {
            throw new IllegalStateException("buckets hold " + k + " live timers, counted " + inBuckets);
        }
        inBuckets = 0;
        staleEntries = 0;
        // The same instant, counted in the new width: near covered everything before it.
        long end = (current + 1) << shift;
        shift = to;
        current = (end >> shift) - 1;
        for (int i = 0; i < k; i++) {
            add(live[i]);
        }
    }

    /** The absolute slot of the first non-empty bucket after {@code current}. */
    private long nextOccupiedSlot() {
        int start = (int) ((current + 1) & MASK);
        int word = start >>> 6;
        long bits = occupied[word] & (-1L << start);
        int words = occupied.length;
        for (int scanned = 0; scanned <= words; scanned++) {
            if (bits != 0) {
                int b = (word << 6) + Long.numberOfTrailingZeros(bits);
                int delta = (b - start) & MASK;
                return current + 1 + delta;
            }
            word = (word + 1) % words;
            bits = occupied[word];
        }
        throw new IllegalStateException("buckets hold " + inBuckets + " timers and " + staleEntries + " stale entries but none is occupied");
    }

    private void addToBucket(Timer t, int b) {
        Timer[] items = buckets[b];
        int n = bucketSizes[b];
        if (items == null) {
            items = new Timer[4];
            buckets[b] = items;
        } else if (n == items.length) {
            items = Arrays.copyOf(items, n * 2);
            buckets[b] = items;
        }
        items[n] = t;
        t.index = n;
        t.slot = t.time >> shift;
        t.where = BUCKET;
        bucketSizes[b] = n + 1;
        inBuckets++;
        occupied[b >>> 6] |= 1L << b;
    }

    /**
     * Lazy removal: the entry stays in its bucket, recognisably stale (the timer no longer says
     * it lives there), and is dropped when the bucket is poured. Removing in place would touch
     * another timer (the one moved into the hole): a cache miss for nothing.
     */
    private void removeFromBucket(Timer t) {
        inBuckets--;
        staleEntries++;
    }
}
