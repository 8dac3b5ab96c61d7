package io.kgsim.replay.compare;

import io.kgsim.replay.record.OwnershipEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who owns each of one group's partitions, exactly as its members' {@link OwnershipEvent}s say:
 * a member owns a partition from {@code ASSIGNED} until {@code REVOKED}, {@code LOST}, or its
 * process {@code CLOSED} or {@code KILLED}. A frozen (paused) member therefore keeps what it owns
 * until its callbacks run after it resumes, even if the group has handed it to another member
 * meanwhile; both then own it, the later one counting as its owner.
 */
final class OwnershipBook {
    /** Partition -> its owners, in the order they got it. */
    private final Map<String, LinkedHashSet<String>> owners = new TreeMap<>(Names.PARTITIONS);
    /** Partition -> the member that got it last (kept after it gave it up). */
    private final Map<String, String> lastOwner = new HashMap<>();
    /** Member -> what it owns. */
    private final Map<String, TreeSet<String>> owned = new TreeMap<>(Names.MEMBERS);
    /** The subscribed partitions that exist: those whose unowned time counts. */
    private final Set<String> tracked = new TreeSet<>(Names.PARTITIONS);
    private final Set<Integer> epochsReached = new HashSet<>();
    private int unowned;

    /** Starts counting these partitions' unowned time (a topic's creation or growth, a subscription). */
    void track(Collection<String> partitions) {
        for (String p : partitions) {
            if (tracked.add(p) && owners(p).isEmpty()) {
                unowned++;
            }
        }
    }

    /** Applies one event; true when it changed who owns what. */
    boolean apply(OwnershipEvent e) {
        return switch (e.kind()) {
            case ASSIGNED -> assign(e.member(), e.partitions());
            case REVOKED, LOST -> release(e.member(), e.partitions());
            case KILLED, CLOSED, STARTED -> release(e.member(), new ArrayList<>(owned.getOrDefault(e.member(), new TreeSet<>())));
            case EPOCH -> false;
        };
    }

    /** Records a generation or member epoch; true when no member of the group had reached it before. */
    boolean reachEpoch(int epoch) {
        return epoch > 0 && epochsReached.add(epoch);
    }

    private boolean assign(String member, List<String> partitions) {
        boolean changed = false;
        for (String p : partitions) {
            LinkedHashSet<String> o = owners(p);
            if (o.add(member)) {
                changed = true;
                owned.computeIfAbsent(member, k -> new TreeSet<>(Names.PARTITIONS)).add(p);
                if (o.size() == 1 && tracked.contains(p)) {
                    unowned--;
                }
            }
            lastOwner.put(p, member);
        }
        return changed;
    }

    private boolean release(String member, List<String> partitions) {
        boolean changed = false;
        for (String p : partitions) {
            LinkedHashSet<String> o = owners(p);
            if (o.remove(member)) {
                changed = true;
                owned.get(member).remove(p);
                if (o.isEmpty() && tracked.contains(p)) {
                    unowned++;
                }
            }
        }
        return changed;
    }

    private LinkedHashSet<String> owners(String p) {
        return owners.computeIfAbsent(p, k -> new LinkedHashSet<>());
    }

    /** Tracked partitions that no member owns now. */
    int unownedCount() {
        return unowned;
    }

    /** The partition's owner now (the latest of several), or null. */
    String owner(String p) {
        LinkedHashSet<String> o = owners.get(p);
        if (o == null || o.isEmpty()) {
            return null;
        }
        String last = null;
        for (String m : o) {
            last = m;
        }
        return last;
    }

    /** Every partition ever seen -> its owner now, or, when unowned, the last member that owned it. */
    SortedMap<String, String> ownersOrLast() {
        SortedMap<String, String> out = new TreeMap<>(Names.PARTITIONS);
        for (String p : owners.keySet()) {
            String o = owner(p);
            out.put(p, o != null ? o : lastOwner.get(p));
        }
        return out;
    }

    /** Partitions ever seen, in order. */
    Set<String> partitions() {
        return owners.keySet();
    }

    /** Member -> what it owns now, sorted; members that own nothing are left out. */
    SortedMap<String, List<String>> assignment() {
        SortedMap<String, List<String>> out = new TreeMap<>(Names.MEMBERS);
        owned.forEach((m, ps) -> {
            if (!ps.isEmpty()) {
                out.put(m, List.copyOf(ps));
            }
        });
        return out;
    }
}
