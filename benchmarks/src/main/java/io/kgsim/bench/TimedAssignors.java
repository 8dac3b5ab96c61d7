package io.kgsim.bench;

import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.clients.consumer.StickyAssignor;
import org.apache.kafka.common.Cluster;

/**
 * The four kafka-clients assignors with a stopwatch around the leader's
 * {@code assign(Cluster, GroupSubscription)}, plugged into a run as user classes, so
 * {@link WholeRun} can tell the wall time spent inside the real assignors from the rest without
 * the simulator itself ever reading a clock. Each keeps its parent's {@code name()}, so the group
 * runs exactly the protocol the built-in would.
 */
public final class TimedAssignors {
    private static long nanos;
    private static long calls;

    private TimedAssignors() {
    }

    /** Wall nanoseconds spent in assignor calls since the last reset (one run at a time). */
    static long nanos() {
        return nanos;
    }

    static long calls() {
        return calls;
    }

    static void reset() {
        nanos = 0;
        calls = 0;
    }

    /** The timed twin of a built-in classic strategy, or null when there is none. */
    static String twinOf(String builtIn) {
        return switch (builtIn) {
            case "range" -> Range.class.getName();
            case "roundrobin" -> RoundRobin.class.getName();
            case "sticky" -> Sticky.class.getName();
            case "cooperative-sticky" -> CooperativeSticky.class.getName();
            default -> null;
        };
    }

    private static GroupAssignment timed(Supplier<GroupAssignment> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            nanos += System.nanoTime() - start;
            calls++;
        }
    }

    public static final class Range extends RangeAssignor {
        @Override
        public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
            return timed(() -> super.assign(metadata, groupSubscription));
        }
    }

    public static final class RoundRobin extends RoundRobinAssignor {
        @Override
        public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
            return timed(() -> super.assign(metadata, groupSubscription));
        }
    }

    public static final class Sticky extends StickyAssignor {
        @Override
        public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
            return timed(() -> super.assign(metadata, groupSubscription));
        }
    }

    public static final class CooperativeSticky extends CooperativeStickyAssignor {
        @Override
        public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
            return timed(() -> super.assign(metadata, groupSubscription));
        }
    }
}
