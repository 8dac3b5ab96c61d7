package io.kgsim.consumer;

import io.kgsim.metrics.DataPlaneListener;
import io.kgsim.protocol.GroupMember;

/**
 * The records one {@code poll()} returned and the application is processing: per partition a
 * slice of offsets {@code [from, to)}, in the order they are processed. The arrays are reused
 * from batch to batch, never reallocated unless the member owns more partitions than before.
 */
final class Batch {
    private FetchedPartition[] parts = new FetchedPartition[16];
    private long[] from = new long[16];
    private long[] to = new long[16];
    private int size;
    private long records;
    private long startUs;
    private long endUs;
    /** Where the next batch starts its round over the owned partitions, so that each gets its turn. */
    private int roundRobin;

    long records() {
        return records;
    }

    long startUs() {
        return startUs;
    }

    long endUs() {
        return endUs;
    }

    /** The batch runs from {@code startUs} to {@code endUs}. */
    void schedule(long startUs, long endUs) {
        this.startUs = startUs;
        this.endUs = endUs;
    }

    /** A pause stretches the batch in hand. */
    void extendBy(long us) {
        endUs += us;
    }

    /**
     * Fills the batch with up to {@code maxRecords} (0 while the member revokes everything),
     * taking from the owned partitions in turn and advancing their positions; false when
     * nothing was available.
     */
    boolean fill(FetchedPartition[] owned, GroupMember member, long maxRecords, long nowUs, DataPlaneListener.MemberSink work) {
        int n = owned.length;
        size = 0;
        records = 0;
        if (n == 0) {
            return false;
        }
        ensureCapacity(n);
        boolean checkRevocation = member.hasPendingRevocation();
        long remaining = maxRecords;
        int start = Math.floorMod(roundRobin, n);
        for (int k = 0; k < n && remaining > 0; k++) {
            FetchedPartition f = owned[(start + k) % n];
            if (!f.fetchable(member, checkRevocation)) {
                continue;
            }
            long available = f.production.logEndOffset(f.partition, nowUs) - f.position;
            if (available > 0) {
                remaining -= take(f, Math.min(available, remaining), nowUs, work);
            }
        }
        roundRobin = start + 1;
        return size > 0;
    }

    private long take(FetchedPartition f, long n, long nowUs, DataPlaneListener.MemberSink work) {
        parts[size] = f;
        from[size] = f.position;
        to[size] = f.position + n;
        size++;
        records += n;
        f.position += n;
        if (f.crossRack) {
            work.crossRackBytes(n * f.recordBytes, nowUs);
        }
        return n;
    }

    private void ensureCapacity(int n) {
        if (parts.length < n) {
            parts = new FetchedPartition[n];
            from = new long[n];
            to = new long[n];
        }
    }

    /** The whole batch was processed. */
    void done(DataPlaneListener.MemberSink work) {
        reportSlices(records);
        work.processed(records, startUs, endUs);
        size = 0;
    }

    /** A crash in mid-batch: records are processed in order, evenly over the batch's time. */
    void interruptedAt(long nowUs, DataPlaneListener.MemberSink work) {
        long span = Math.max(1, endUs - startUs);
        long done = Math.min(records, (long) Math.floor(records * (double) (nowUs - startUs) / span));
        work.processed(done, startUs, nowUs);
        reportSlices(done);
        size = 0;
    }

    /**
     * Reports the batch's first {@code done} records to their partitions' sinks, slice by slice
     * in batch order: the batch's records are processed one after another, evenly over its time,
     * the k-th (from 1) finishing at {@code startUs + k * span / records}.
     */
    private void reportSlices(long done) {
        double perRecordUs = records == 0 ? 0 : (endUs - startUs) / (double) records;
        long before = 0;
        for (int i = 0; i < size; i++) {
            long k = Math.min(done - before, to[i] - from[i]);
            if (k > 0) {
                parts[i].sink.processed(from[i], from[i] + k, startUs + Math.round((before + 1) * perRecordUs),
                        startUs + Math.round((before + k) * perRecordUs));
                before += k;
            }
            parts[i] = null;
        }
    }
}
