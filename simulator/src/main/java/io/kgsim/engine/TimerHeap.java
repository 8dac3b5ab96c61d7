package io.kgsim.engine;

import java.util.Arrays;

/**
 * Indexed 4-ary min-heap of timers ordered by (time, sequence). Keys live in one primitive
 * array, time and sequence side by side, so the four children a sift compares share a cache
 * line and no timer is dereferenced to compare; each timer knows its slot, so removal and
 * re-keying are O(log n) in place.
 */
final class TimerHeap {
    private long[] keys = new long[512];
    private Timer[] timers = new Timer[256];
    private int size;

    int size() {
        return size;
    }

    Timer peek() {
        return size == 0 ? null : timers[0];
    }

    Timer poll() {
        Timer top = timers[0];
        removeAt(0);
        return top;
    }

    void add(Timer t) {
        if (size == timers.length) {
            grow();
        }
        siftUp(size++, t, t.time, t.seq);
    }

    void remove(Timer t) {
        removeAt(t.index);
    }

    /** Restores order after {@code t}'s key changed while it stayed in this heap. */
    void update(Timer t) {
        int i = t.index;
        if (i > 0 && less(t.time, t.seq, (i - 1) >>> 2)) {
            siftUp(i, t, t.time, t.seq);
        } else {
            siftDown(i, t, t.time, t.seq);
        }
    }

    private void removeAt(int i) {
        Timer removed = timers[i];
        removed.index = -1;
        int last = --size;
        Timer moved = timers[last];
        timers[last] = null;
        if (i != last) {
            long mt = keys[2 * last];
            long ms = keys[2 * last + 1];
            if (i > 0 && less(mt, ms, (i - 1) >>> 2)) {
                siftUp(i, moved, mt, ms);
            } else {
                siftDown(i, moved, mt, ms);
            }
        }
    }

    private boolean less(long time, long seq, int j) {
        long tj = keys[2 * j];
        return time < tj || (time == tj && seq < keys[2 * j + 1]);
    }

    private void siftUp(int i, Timer t, long time, long seq) {
        long[] k = keys;
        Timer[] ts = timers;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long pt = k[2 * parent];
            if (time > pt || (time == pt && seq > k[2 * parent + 1])) {
                break;
            }
            Timer p = ts[parent];
            k[2 * i] = pt;
            k[2 * i + 1] = k[2 * parent + 1];
            ts[i] = p;
            p.index = i;
            i = parent;
        }
        k[2 * i] = time;
        k[2 * i + 1] = seq;
        ts[i] = t;
        t.index = i;
    }

    private void siftDown(int i, Timer t, long time, long seq) {
        long[] k = keys;
        Timer[] ts = timers;
        int n = size;
        while (true) {
            int first = (i << 2) + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bt = k[2 * first];
            long bs = k[2 * first + 1];
            int end = Math.min(first + 4, n);
            for (int c = first + 1; c < end; c++) {
                long ct = k[2 * c];
                if (ct < bt || (ct == bt && k[2 * c + 1] < bs)) {
                    best = c;
                    bt = ct;
                    bs = k[2 * c + 1];
                }
            }
            if (bt > time || (bt == time && bs > seq)) {
                break;
            }
            Timer b = ts[best];
            k[2 * i] = bt;
            k[2 * i + 1] = bs;
            ts[i] = b;
            b.index = i;
            i = best;
        }
        k[2 * i] = time;
        k[2 * i + 1] = seq;
        ts[i] = t;
        t.index = i;
    }

    private void grow() {
        int n = timers.length * 2;
        keys = Arrays.copyOf(keys, 2 * n);
        timers = Arrays.copyOf(timers, n);
    }
}
