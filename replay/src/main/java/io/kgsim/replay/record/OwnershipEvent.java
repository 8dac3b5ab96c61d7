package io.kgsim.replay.record;

import java.util.List;

/**
 * One thing a member's application saw happen to its group membership, on either side of a
 * replay: the real run (a child JVM's {@code ConsumerRebalanceListener} callbacks and life-cycle
 * lines) or the simulation (its {@code partitions-*} and life-cycle trace events). Both sides are
 * written in these words so that one piece of code measures both.
 *
 * @param timeUs     microseconds since scenario time 0 (the real run's t0, the simulation's start)
 * @param group      the scenario's group name (not the cluster's prefixed {@code group.id})
 * @param member     the scenario's member name, e.g. {@code c2}
 * @param kind       what happened
 * @param partitions {@code "topic-partition"} with scenario topic names, sorted by topic then
 *                   partition: the callback's partitions; empty for the other kinds
 * @param epoch      the classic generation or the consumer protocol's member epoch the member had
 *                   then ({@code groupMetadata().generationId()}), or -1
 * @param memberId   the member id it had then, or "" before it has one
 */
public record OwnershipEvent(long timeUs, String group, String member, Kind kind, List<String> partitions, int epoch,
                             String memberId) {

    public enum Kind {
        /** The process started (the KafkaConsumer is constructed and subscribed). */
        STARTED,
        /** onPartitionsAssigned: the member may fetch these from now on. */
        ASSIGNED,
        /** onPartitionsRevoked: the member gave these up. */
        REVOKED,
        /** onPartitionsLost, or a killed process: the member owns none of these any more. */
        LOST,
        /** The member learned a new generation (classic) or member epoch (consumer protocol). */
        EPOCH,
        /** close() returned: the member has left (a static member: stopped without leaving). */
        CLOSED,
        /** The process was killed (SIGKILL): it owns nothing from now on. */
        KILLED
    }

    public OwnershipEvent {
        partitions = List.copyOf(partitions);
    }
}
