package io.kgsim.protocol;

import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * One protocol event, as trace, metrics and invariant checkers observe it. Fields that do not
 * apply are -1 / null. Partition lists are sorted by topic then partition.
 *
 * <p>Immutable: the trace is written on another thread ({@code TraceWriter}), so nothing may
 * change an event after it is published. Lists are copied unless already immutable (then
 * {@code List.copyOf} returns them as they are); the offsets map is the commit's own, which no
 * one changes after sending it.
 *
 * @param generation the classic generation the event belongs to, or -1
 * @param partitions the change (assigned, revoked, lost) or the full assignment (synced)
 * @param owned      everything the member owns after the change
 * @param members    member names (rebalance-completed)
 * @param offsets    committed offsets (offsets-committed), sorted by partition
 * @param sentUs     when the member sent the OffsetCommit (offsets-committed), or -1: what it
 *                   owned then is what it may commit, though the commit arrives later
 */
public record GroupEvent(
        long timeUs,
        GroupEventType type,
        String group,
        String member,
        int generation,
        String reason,
        List<TopicPartition> partitions,
        List<TopicPartition> owned,
        List<String> members,
        java.util.SortedMap<TopicPartition, Long> offsets,
        long sentUs) {

    public GroupEvent {
        partitions = partitions == null ? null : List.copyOf(partitions);
        owned = owned == null ? null : List.copyOf(owned);
        members = members == null ? null : List.copyOf(members);
        offsets = offsets == null ? null : java.util.Collections.unmodifiableSortedMap(offsets);
    }

    public static GroupEvent of(long timeUs, GroupEventType type, String group, String member, int generation, String reason) {
        return new GroupEvent(timeUs, type, group, member, generation, reason, null, null, null, null, -1);
    }

    /** An ownership change (assigned, revoked, lost) or a synced assignment. */
    public static GroupEvent partitions(long timeUs, GroupEventType type, String group, String member, int generation, String reason,
                                        List<TopicPartition> partitions, List<TopicPartition> owned) {
        return new GroupEvent(timeUs, type, group, member, generation, reason, partitions, owned, null, null, -1);
    }

    /** The coordinator accepted an OffsetCommit that {@code member} sent at {@code sentUs}. */
    public static GroupEvent committed(long timeUs, String group, String member, int generation,
                                       java.util.SortedMap<TopicPartition, Long> offsets, long sentUs) {
        return new GroupEvent(timeUs, GroupEventType.OFFSETS_COMMITTED, group, member, generation, null, null, null, null, offsets, sentUs);
    }
}
