package io.kgsim.invariant;

/**
 * When one member owned each partition it ever owned (partitions by their {@link
 * io.kgsim.cluster.PartitionIndex} number): a commit sent then was sent by its owner, however
 * late the coordinator accepts it (a commit still on the wire when its process crashed, or
 * answered after the revocation that followed it).
 *
 * <p>Per partition it keeps the current (or last) tenure and the end of the one before, so that
 * a commit sent in the previous tenure and accepted after the partition came back still counts
 * as its owner's. A member owns about ten partitions at a time and a few dozen over a run, so
 * the tenures sit in a small open-addressing table of three {@code long}s per partition: one
 * probe, no object per partition, where a table as long as the topic per member cost a cache
 * miss or two per partition on every commit, assignment and revocation.
 */
final class Tenures {
    /** Start of the current (or last) tenure; {@code Long.MAX_VALUE} before the first. */
    private static final int FROM = 0;
    /** Its end; {@code Long.MAX_VALUE} while held, -1 before the first. */
    private static final int UNTIL = 1;
    /** End of the tenure before it, -1 if none. */
    private static final int PREVIOUS_UNTIL = 2;
    private static final int WIDTH = 3;

    /** Partition number + 1 per slot, 0 for a free slot; the table's length is a power of two. */
    private int[] keys = new int[16];
    private long[] times = new long[16 * WIDTH];
    /** 32 - log2(keys.length): a hash's top bits pick the slot. */
    private int shift = 32 - 4;
    private int size;

    /** The member owns {@code partition} from {@code us} on (nothing if it already does). */
    void begin(int partition, long us) {
        int at = slot(partition) * WIDTH;
        if (times[at + UNTIL] != Long.MAX_VALUE) {
            times[at + PREVIOUS_UNTIL] = times[at + UNTIL];
            times[at + FROM] = us;
            times[at + UNTIL] = Long.MAX_VALUE;
        }
    }

    /** The member gave {@code partition} up at {@code us} (nothing if it did not own it). */
    void end(int partition, long us) {
        int at = slot(partition) * WIDTH;
        if (times[at + UNTIL] == Long.MAX_VALUE) {
            times[at + UNTIL] = us;
        }
    }

    /** Did the member own {@code partition} at {@code us}, or before the end of its previous tenure? */
    boolean covers(int partition, long us) {
        int s = find(partition);
        if (s < 0) {
            return false;
        }
        int at = s * WIDTH;
        return (times[at + FROM] <= us && us <= times[at + UNTIL]) || us <= times[at + PREVIOUS_UNTIL];
    }

    /** The slot of {@code partition}, or -1. */
    private int find(int partition) {
        int mask = keys.length - 1;
        for (int s = home(partition); ; s = (s + 1) & mask) {
            if (keys[s] == partition + 1) {
                return s;
            }
            if (keys[s] == 0) {
                return -1;
            }
        }
    }

    /** The slot of {@code partition}, taken (with no tenure yet) if it has none. */
    private int slot(int partition) {
        int s = find(partition);
        if (s >= 0) {
            return s;
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        s = home(partition);
        while (keys[s] != 0) {
            s = (s + 1) & mask;
        }
        keys[s] = partition + 1;
        times[s * WIDTH + FROM] = Long.MAX_VALUE;
        times[s * WIDTH + UNTIL] = -1;
        times[s * WIDTH + PREVIOUS_UNTIL] = -1;
        size++;
        return s;
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldTimes = times;
        keys = new int[oldKeys.length * 2];
        times = new long[keys.length * WIDTH];
        shift--;
        int mask = keys.length - 1;
        for (int o = 0; o < oldKeys.length; o++) {
            if (oldKeys[o] != 0) {
                int s = home(oldKeys[o] - 1);
                while (keys[s] != 0) {
                    s = (s + 1) & mask;
                }
                keys[s] = oldKeys[o];
                System.arraycopy(oldTimes, o * WIDTH, times, s * WIDTH, WIDTH);
            }
        }
    }

    /**
     * The first slot to try for {@code partition}: the top bits of a Fibonacci hash, which
     * spread the neighbouring partitions a member often owns (range) over the table.
     */
    private int home(int partition) {
        return partition * 0x9E3779B9 >>> shift;
    }
}
