package io.kgsim.protocol;

import io.kgsim.cluster.PartitionTable;
import org.apache.kafka.common.TopicPartition;

/** A group's committed offsets, as its coordinator keeps them in {@code __consumer_offsets}. */
public final class OffsetStore {
    private final PartitionTable<Committed> committed = new PartitionTable<>();

    /**
     * One partition's committed offset (-1 when none was ever committed), handed out so that
     * the per-second sampler reads ten thousand partitions without ten thousand lookups.
     */
    public static final class Committed {
        private long offset = -1;

        public long offset() {
            return offset;
        }
    }

    /** The committed offset of {@code tp}, or -1 when none was ever committed. */
    public long committed(TopicPartition tp) {
        Committed c = committed.get(tp);
        return c == null ? -1 : c.offset;
    }

    public void commit(TopicPartition tp, long offset) {
        slot(tp).offset = offset;
    }

    /** The live committed offset of {@code tp}. */
    public Committed slot(TopicPartition tp) {
        return committed.computeIfAbsent(tp, k -> new Committed());
    }
}
