package io.kgsim.protocol;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** A group's committed offsets, as its coordinator keeps them in {@code __consumer_offsets}. */
public final class OffsetStore {
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    /** The committed offset of {@code tp}, or -1 when none was ever committed. */
    public long committed(TopicPartition tp) {
        Long o = committed.get(tp);
        return o == null ? -1 : o;
    }

    public void commit(TopicPartition tp, long offset) {
        committed.put(tp, offset);
    }
}
