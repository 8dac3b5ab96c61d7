package io.kgsim.consumer;

import io.kgsim.cluster.TopicProduction;
import io.kgsim.metrics.DataPlaneListener;
import io.kgsim.protocol.GroupMember;
import org.apache.kafka.common.TopicPartition;

/**
 * A partition the fetcher fetches: its position and what the poll loop needs about it, looked
 * up once. The object lives as long as the member fetches the partition (refreshed in place
 * when leaders move), so an answer in flight can hold it instead of looking it up again.
 */
final class FetchedPartition {
    final TopicPartition tp;
    final int partition;
    TopicProduction production;
    long recordBytes;
    boolean crossRack;
    DataPlaneListener.PartitionSink sink;
    boolean available;
    long position = -1;
    /** An OffsetFetch for this partition is out (its answer sets {@link #position}). */
    boolean fetchingOffset;
    /** No longer fetched (revoked, lost, or the process restarted). */
    boolean dropped;

    FetchedPartition(TopicPartition tp) {
        this.tp = tp;
        this.partition = tp.partition();
    }

    void refresh(TopicProduction production, long recordBytes, boolean crossRack, DataPlaneListener.PartitionSink sink, boolean available) {
        this.production = production;
        this.recordBytes = recordBytes;
        this.crossRack = crossRack;
        this.sink = sink;
        this.available = available;
    }

    /**
     * May a fetch read it now: it has a position, its leader is reachable, and it is not on its
     * way out ({@code checkRevocation}: the member has revocations pending, ask it).
     */
    boolean fetchable(GroupMember member, boolean checkRevocation) {
        return position >= 0 && available && (!checkRevocation || member.mayFetch(tp));
    }
}
