package io.kgsim.invariant;

import io.kgsim.cluster.PartitionIndex;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * One group's books for the ownership and commit invariants: a number for each partition the
 * group's events name, and by those numbers who owns each partition now ({@link
 * PartitionOwners}), when each member owned it ({@link Tenures}) and the {@link
 * CommittedOffsets}. A commit, an assignment or a revocation costs one member lookup, then per
 * partition one number lookup and a few array slots that a thousand members' events keep warm,
 * where an object per partition in each book cost a cache miss per partition per book.
 */
final class OwnershipBooks {
    private final PartitionIndex partitions = new PartitionIndex();
    final PartitionOwners owners = new PartitionOwners();
    final CommittedOffsets offsets = new CommittedOffsets();
    private final Map<String, Tenures> tenures = new HashMap<>();
    /** The last member asked for: a member's events come in runs (commit then revoke, synced then assigned). */
    private String lastMember;
    private Tenures lastTenures;

    /** The number of {@code tp}, given on first use. */
    int number(TopicPartition tp) {
        return partitions.number(tp);
    }

    /** The number of {@code tp}, or -1 if no event has named it. */
    int find(TopicPartition tp) {
        return partitions.find(tp);
    }

    /** When {@code member} owned what (empty on first use). */
    Tenures tenures(String member) {
        // Identity, not equals: the same String instance is the same member; an equal one
        // from elsewhere just takes the map lookup.
        if (member != lastMember || lastTenures == null) {
            Tenures t = tenures.get(member);
            if (t == null) {
                t = new Tenures();
                tenures.put(member, t);
            }
            lastMember = member;
            lastTenures = t;
        }
        return lastTenures;
    }
}
