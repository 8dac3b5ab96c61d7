package io.kgsim.invariant;

import java.util.Arrays;
import org.apache.kafka.common.TopicPartition;

/**
 * "Committed offsets never go backwards", for one group, in the only sense Kafka guarantees.
 *
 * <p>Kafka itself does not keep committed offsets monotonic: the coordinator writes whatever an
 * accepted OffsetCommit carries, without comparing it to the stored offset
 * ({@code OffsetMetadataManager.commitOffset}), and it accepts a commit from any current member
 * at the current generation ({@code ClassicGroup.validateOffsetCommit}; with generation -1 and
 * no member id, from anyone while the group is Empty), whatever partitions it names. A consumer
 * that seeks back commits a lower offset, and so would a member whose commit the coordinator
 * accepted after its partition had moved on. What does hold is the chain of owners: a member
 * starts a partition at the offset committed before it was assigned (its OffsetFetch comes
 * after every commit of the previous owner, which committed before giving the partition up),
 * and kgsim's consumers never seek, so each owner's commits only rise from there.
 *
 * <p>So an offset committed by the partition's owner below the offset committed before it by an
 * owner is a violation. An owner's commit below one that a member made without owning the
 * partition (itself a violation of "a member commits only partitions it owns") is what Kafka
 * would do next, so {@link #commit} reports it as a warning, not as a second violation.
 */
final class CommittedOffsets {
    /*
     * The offset the coordinator holds for each partition (by its PartitionIndex number), who
     * committed it, and whether that member owned the partition then: arrays side by side, as a
     * million commits of ten partitions each read and write them (an object per partition cost a
     * cache miss per partition). A commit always names its member: no member, nothing committed.
     */
    private long[] offsets = new long[0];
    private String[] members = new String[0];
    private Committer[] committers = new Committer[0];

    /** What a commit did to a partition's committed offset. */
    enum Outcome { FORWARD, BACKWARD, BACKWARD_AFTER_STRAY }

    /**
     * Who sent a commit: the partition's owner; a member that did not own it (itself a
     * violation); or a member that owned it only through a stale reconciliation
     * ({@link StaleReconciliations}), which the coordinator accepts at its current epoch though
     * it had given the partition to another. Only an owner's commits form the chain.
     */
    enum Committer {
        OWNER(""), STRAY(", which did not own it"), STALE_RECONCILIATION(", which owned it only through a stale reconciliation");

        private final String note;

        Committer(String note) {
            this.note = note;
        }
    }

    private String text;

    /**
     * Records an accepted commit of {@code offset} for {@code tp} (numbered {@code partition}) by
     * {@code member} ({@code committer}: whether it owned the partition then). Returns how it moved the
     * committed offset; {@link #text()} then describes a move back.
     */
    Outcome commit(int partition, TopicPartition tp, long offset, String member, Committer committer) {
        if (partition >= members.length) {
            int n = Math.max(partition + 1, 2 * members.length);
            offsets = Arrays.copyOf(offsets, n);
            members = Arrays.copyOf(members, n);
            committers = Arrays.copyOf(committers, n);
        }
        Outcome outcome = Outcome.FORWARD;
        if (members[partition] != null && offset < offsets[partition] && committer == Committer.OWNER) {
            Committer last = committers[partition];
            outcome = last == Committer.OWNER ? Outcome.BACKWARD : Outcome.BACKWARD_AFTER_STRAY;
            text = "the committed offset of " + tp + " went back from " + offsets[partition] + " (committed by " + members[partition]
                    + last.note + ") to " + offset + " (committed by its owner " + member + ")";
        }
        offsets[partition] = offset;
        members[partition] = member;
        committers[partition] = committer;
        return outcome;
    }

    /** Describes the last move back. */
    String text() {
        return text;
    }
}
