package io.kgsim.invariant;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The members owning each partition of a group (by its {@link io.kgsim.cluster.PartitionIndex}
 * number). Almost always one, so a partition's owner is one slot of an array and a set is only
 * made when a second owner arrives (a zombie, or a broken protocol): a large run assigns and
 * revokes partitions tens of millions of times, and a {@code TreeSet} per partition was a
 * twentieth of it, an object per partition a cache miss per partition.
 */
final class PartitionOwners {
    /** The one owner, or null; unused once the partition has a set. */
    private String[] one = new String[0];
    /** The owners of partitions that ever had two at once, else null. */
    private TreeSet<String>[] many = newSets(0);

    /** {@code member} owns {@code partition} (again: nothing changes). */
    void add(int partition, String member) {
        fit(partition);
        TreeSet<String> set = many[partition];
        String sole = one[partition];
        if (set != null) {
            set.add(member);
        } else if (sole == null) {
            one[partition] = member;
        } else if (!sole.equals(member)) {
            set = new TreeSet<>();
            set.add(sole);
            set.add(member);
            many[partition] = set;
            one[partition] = null;
        }
    }

    /** Removes {@code member} from the owners of {@code partition}; false if it was not one. */
    boolean remove(int partition, String member) {
        if (partition >= one.length) {
            return false;
        }
        if (many[partition] != null) {
            return many[partition].remove(member);
        }
        if (member.equals(one[partition])) {
            one[partition] = null;
            return true;
        }
        return false;
    }

    /** Owners of {@code partition} (-1: one no event named) other than {@code except} that are not zombies. */
    int live(int partition, Set<String> zombie, String except) {
        if (partition < 0 || partition >= one.length) {
            return 0;
        }
        TreeSet<String> set = many[partition];
        if (set == null) {
            String sole = one[partition];
            return sole != null && !sole.equals(except) && !zombie.contains(sole) ? 1 : 0;
        }
        int n = 0;
        for (String m : set) {
            if (!m.equals(except) && !zombie.contains(m)) {
                n++;
            }
        }
        return n;
    }

    /** The owners of {@code partition} other than {@code except} that are not zombies, sorted (the rare path: a second owner). */
    java.util.List<String> liveMembers(int partition, Set<String> zombie, String except) {
        TreeSet<String> out = new TreeSet<>();
        if (partition >= 0 && partition < one.length) {
            if (many[partition] != null) {
                out.addAll(many[partition]);
            } else if (one[partition] != null) {
                out.add(one[partition]);
            }
        }
        if (except != null) {
            out.remove(except);
        }
        out.removeAll(zombie);
        return java.util.List.copyOf(out);
    }

    /** The owners of {@code partition} as a sorted set prints itself: {@code [c1, c3]}. */
    String text(int partition) {
        if (partition < 0 || partition >= one.length) {
            return "[]";
        }
        if (many[partition] != null) {
            return many[partition].toString();
        }
        return one[partition] == null ? "[]" : "[" + one[partition] + "]";
    }

    private void fit(int partition) {
        if (partition >= one.length) {
            int n = Math.max(partition + 1, 2 * one.length);
            one = Arrays.copyOf(one, n);
            many = Arrays.copyOf(many, n);
        }
    }

    @SuppressWarnings("unchecked")
    private static TreeSet<String>[] newSets(int n) {
        return (TreeSet<String>[]) new TreeSet<?>[n];
    }
}
