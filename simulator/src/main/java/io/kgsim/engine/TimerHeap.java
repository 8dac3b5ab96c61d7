package io.kgsim.engine;

import java.util.Arrays;

/**
 * Indexed 4-ary min-heap of timers ordered by (time, sequence). Keys live in parallel primitive
 * arrays so sifting compares without dereferencing timers; each timer knows its slot, so
 * cancelling or re-arming is O(log n) in place and leaves nothing behind to be skipped later
 * (unlike SimPy's heap, which has no cancellation, or a tombstone queue, which slows as
 * re-armed heartbeats pile up).
 */
final class TimerHeap {
    private long[] times = new long[1024];
    private long[] seqs = new long[1024];
    private Timer[] timers = new Timer[1024];
    private int size;

    int size() {
        return size;
    }

    Timer peek() {
        return size == 0 ? null : timers[0];
    }

    void add(Timer t) {
        if (size == timers.length) {
            grow();
        }
        int i = size++;
        siftUp(i, t);
    }

    Timer poll() {
        Timer top = timers[0];
        removeAt(0);
        return top;
    }

    void remove(Timer t) {
        removeAt(t.index);
    }

    /** Restores heap order after {@code t}'s key changed while it stayed queued. */
    void update(Timer t) {
        int i = t.index;
        if (i > 0 && less(t.time, t.seq, (i - 1) >>> 2)) {
            siftUp(i, t);
        } else {
            siftDown(i, t);
        }
    }

    private void removeAt(int i) {
        Timer removed = timers[i];
        removed.index = -1;
        int last = --size;
        if (i != last) {
            Timer moved = timers[last];
            timers[last] = null;
            if (i > 0 && less(moved.time, moved.seq, (i - 1) >>> 2)) {
                siftUp(i, moved);
            } else {
                siftDown(i, moved);
            }
        } else {
            timers[last] = null;
        }
    }

    private boolean less(long time, long seq, int j) {
        long tj = times[j];
        return time < tj || (time == tj && seq < seqs[j]);
    }

    private void siftUp(int i, Timer t) {
        long time = t.time;
        long seq = t.seq;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!less(time, seq, parent)) {
                break;
            }
            place(i, timers[parent], times[parent], seqs[parent]);
            i = parent;
        }
        place(i, t, time, seq);
    }

    private void siftDown(int i, Timer t) {
        long time = t.time;
        long seq = t.seq;
        int n = size;
        while (true) {
            int first = (i << 2) + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bt = times[first];
            long bs = seqs[first];
            int end = Math.min(first + 4, n);
            for (int c = first + 1; c < end; c++) {
                long ct = times[c];
                if (ct < bt || (ct == bt && seqs[c] < bs)) {
                    best = c;
                    bt = ct;
                    bs = seqs[c];
                }
            }
            if (!(bt < time || (bt == time && bs < seq))) {
                break;
            }
            place(i, timers[best], bt, bs);
            i = best;
        }
        place(i, t, time, seq);
    }

    private void place(int i, Timer t, long time, long seq) {
        timers[i] = t;
        times[i] = time;
        seqs[i] = seq;
        t.index = i;
    }

    private void grow() {
        int n = timers.length * 2;
        times = Arrays.copyOf(times, n);
        seqs = Arrays.copyOf(seqs, n);
        timers = Arrays.copyOf(timers, n);
    }
}
