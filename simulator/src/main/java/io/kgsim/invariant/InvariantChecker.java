package io.kgsim.invariant;

import io.kgsim.cluster.PartitionTable;
import io.kgsim.engine.Durations;
import io.kgsim.engine.EventObserver;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Checks the invariants the README lists under {@code invariantViolations} while the run goes,
 * as an observer of group events and of every engine event (protocol code never calls it):
 * <ul>
 * <li>no partition owned by two members at once (cooperative protocols), nor handed to two
 *     members in one generation (any protocol); the one exception is Kafka's own client race,
 *     a stale reconciliation ({@link StaleReconciliations}), counted and described as a warning;
 * <li>a member revokes or loses only partitions it owns;
 * <li>a member commits only partitions it owns, and committed offsets never go backwards
 *     ({@link CommittedOffsets} says precisely what that means and which regressions real
 *     Kafka allows: those are warnings);
 * <li>in a settled group every subscribed partition has exactly one owner.
 * </ul>
 * Strict mode (tests) throws at the first violation with seed, virtual time and the last trace
 * events; otherwise violations are counted for {@code summary.json} and reported on stderr.
 */
public final class InvariantChecker implements GroupEventListener, EventObserver {
    private static final int HISTORY = 12;

    private final long seed;
    private final String scenario;
    private final boolean strict;
    private final Map<String, GroupView> views = new HashMap<>();
    /** group -> who owns each partition, when each member owned it, what was committed. */
    private final Map<String, OwnershipBooks> owners = new HashMap<>();
    /** group -> the consumer protocol's stale reconciliations, in registration order (their warnings at the end). */
    private final Map<String, StaleReconciliations> races = new java.util.LinkedHashMap<>();
    /** group -> generation or epoch -> partition -> member it was handed to. */
    private final Map<String, Map<Integer, PartitionTable<String>>> handed = new HashMap<>();
    private final List<String> dirtyGroups = new ArrayList<>();
    /**
     * Members the coordinator removed that do not know it yet (cut off from it): what they still
     * fetch is real Kafka behaviour, shown as duplicates, not a broken protocol, so their
     * ownership is left out of the one-owner rules until they learn.
     */
    private final Map<String, java.util.Set<String>> zombies = new HashMap<>();
    private final ArrayDeque<GroupEvent> recent = new ArrayDeque<>();
    private final List<String> messages = new ArrayList<>();
    private final java.util.Set<String> stranded = new java.util.TreeSet<>();
    private final List<String> warnings = new ArrayList<>();
    private long violations;

    public InvariantChecker(long seed, String scenario, boolean strict) {
        this.seed = seed;
        this.scenario = scenario;
        this.strict = strict;
    }

    public void register(GroupView view) {
        views.put(view.groupId(), view);
        owners.put(view.groupId(), new OwnershipBooks());
        handed.put(view.groupId(), new HashMap<>());
        races.put(view.groupId(), new StaleReconciliations(view.groupId()));
    }

    @Override
    public void on(GroupEvent e) {
        if (recent.size() == HISTORY) {
            recent.removeFirst();
        }
        recent.addLast(e);
        GroupView view = views.get(e.group());
        if (view == null) {
            return;
        }
        if (maySettle(e.type()) && !dirtyGroups.contains(e.group())) {
            dirtyGroups.add(e.group());
        }
        OwnershipBooks own = owners.get(e.group());
        java.util.Set<String> zombie = zombies.computeIfAbsent(e.group(), g -> new java.util.TreeSet<>());
        StaleReconciliations race = races.get(e.group());
        switch (e.type()) {
            case MEMBER_REMOVED, JOINED, MEMBER_STARTED, ASSIGNMENT_RECEIVED -> membership(e, view, own, zombie, race);
            case HEARTBEAT_ERROR -> race.heartbeatFailed(e.member(), e.timeUs());
            case PARTITIONS_ASSIGNED -> assigned(e, view, own, zombie, race);
            case PARTITIONS_REVOKED, PARTITIONS_LOST -> gaveUp(e, own, zombie, race);
            case SYNCED -> synced(e);
            case OFFSETS_COMMITTED -> committed(e, own, zombie, race);
            case REBALANCE_COMPLETED -> {
                // Older generations or epochs can no longer be handed out: forget them.
                handed.get(e.group()).keySet().removeIf(g -> g < e.epoch().value());
            }
            default -> {
            }
        }
    }

    /** Who the coordinator has (zombies), and what a consumer-protocol member last heard. */
    private void membership(GroupEvent e, GroupView view, OwnershipBooks own, java.util.Set<String> zombie, StaleReconciliations race) {
        switch (e.type()) {
            case MEMBER_REMOVED -> {
                if (!view.isCurrentMember(e.member())) {
                    zombie.add(e.member());
                }
            }
            case MEMBER_STARTED -> {
                zombie.remove(e.member());
                race.started(e.member());
            }
            case ASSIGNMENT_RECEIVED -> {
                // Consumer protocol: the answer to a join means the coordinator has the member again.
                if ("join".equals(e.reason())) {
                    zombie.remove(e.member());
                }
                targetReceived(e, own, zombie, race);
            }
            default -> zombie.remove(e.member());
        }
    }

    private void assigned(GroupEvent e, GroupView view, OwnershipBooks own, java.util.Set<String> zombie, StaleReconciliations race) {
        keptStale(e, race, List.of());
        Tenures tenure = own.tenures(e.member());
        for (TopicPartition tp : e.partitions()) {
            int p = own.number(tp);
            tenure.begin(p, e.timeUs());
            if (race.isStale(e.member(), tp)) {
                race.begin(e.member(), tp, e.timeUs());
            }
            if (view.isCooperative() && own.owners.live(p, zombie, e.member()) > 0) {
                secondOwner(e, tp, p, own, zombie, race);
            }
            own.owners.add(p, e.member());
        }
    }

    /**
     * {@code tp} gets a second owner: a violation, unless it is Kafka's stale-reconciliation race
     * (one of the owners holds it through a stale reconciliation and the others are one owner).
     */
    private void secondOwner(GroupEvent e, TopicPartition tp, int p, OwnershipBooks own, java.util.Set<String> zombie, StaleReconciliations race) {
        List<String> all = new ArrayList<>(own.owners.liveMembers(p, zombie, e.member()));
        all.add(e.member());
        String stale = null;
        List<String> backed = new ArrayList<>();
        for (String m : all) {
            if (stale == null && race.holds(m, tp)) {
                stale = m;
            } else {
                backed.add(m);
            }
        }
        if (stale != null && backed.size() == 1) {
            race.overlapBegins(tp, e.timeUs(), stale, backed.get(0));
            return;
        }
        violation(e.timeUs(), "partition " + tp + " assigned to " + e.group() + "/" + e.member() + " while " + own.owners.text(p) + " still own(s) it");
    }

    /** A revocation or a loss. */
    private void gaveUp(GroupEvent e, OwnershipBooks own, java.util.Set<String> zombie, StaleReconciliations race) {
        if (e.type() == GroupEventType.PARTITIONS_REVOKED) {
            keptStale(e, race, e.partitions());
        }
        Tenures tenure = own.tenures(e.member());
        for (TopicPartition tp : e.partitions()) {
            int p = own.number(tp);
            tenure.end(p, e.timeUs());
            race.end(e.member(), tp, e.timeUs());
            if (!own.owners.remove(p, e.member())) {
                violation(e.timeUs(), e.group() + "/" + e.member() + " gave up " + tp + " which it did not own");
            }
            if (race.overlapping(tp) && own.owners.live(p, zombie, null) <= 1) {
                warn(race.overlapEnds(tp, e.timeUs()));
            }
        }
    }

    /**
     * The member reconciles again (revokes or assigns) while it holds partitions through a stale
     * reconciliation: the newer target it already had excludes them, so this reconciliation must
     * revoke every one of them ({@code givenUp}); keeping one is not Kafka's race but a model bug.
     */
    private void keptStale(GroupEvent e, StaleReconciliations race, List<TopicPartition> givenUp) {
        for (TopicPartition tp : race.held(e.member())) {
            if (!givenUp.contains(tp)) {
                race.end(e.member(), tp, e.timeUs());
                violation(e.timeUs(), e.group() + "/" + e.member() + " reconciled again but kept " + tp
                        + ", which it owned only through a stale reconciliation and its target no longer holds");
            }
        }
    }

    /**
     * Consumer protocol: the member's newest target. A partition it held through a stale
     * reconciliation that the target now holds again is its own from here on, which the
     * coordinator can only do once no one else owns it.
     */
    private void targetReceived(GroupEvent e, OwnershipBooks own, java.util.Set<String> zombie, StaleReconciliations race) {
        race.targetReceived(e.member(), e.partitions(), e.timeUs());
        for (TopicPartition tp : race.held(e.member())) {
            if (e.partitions().contains(tp)) {
                race.end(e.member(), tp, e.timeUs());
                if (own.owners.live(own.find(tp), zombie, e.member()) > 0) {
                    violation(e.timeUs(), "the coordinator gave " + tp + " back to " + e.group() + "/" + e.member() + " while "
                            + own.owners.text(own.find(tp)) + " still own(s) it");
                }
            }
        }
    }

    private void synced(GroupEvent e) {
        PartitionTable<String> gen = handed.get(e.group()).computeIfAbsent(e.epoch().value(), g -> new PartitionTable<>());
        for (TopicPartition tp : e.partitions()) {
            String prev = gen.get(tp);
            if (prev == null) {
                gen.put(tp, e.member());
            }
            if (prev != null && !prev.equals(e.member())) {
                violation(e.timeUs(), "partition " + tp + " handed to both " + prev + " and " + e.member() + " in " + e.epoch().describe() + " of " + e.group());
            }
        }
    }

    /**
     * An OffsetCommit the coordinator accepted (one it refused is a {@code commit-failed} event
     * and committed nothing, so it is not looked at). The committer must have owned each
     * partition when it sent the commit, as the trace's ownership events say, and must not be a
     * zombie the coordinator removed: Kafka's classic coordinator accepts a commit only from a
     * current member at the current generation ({@code ClassicGroup.validateOffsetCommit}), and
     * the client commits only what it consumed from its assignment, so a commit of anything else
     * means the model let a stale commit in.
     */
    private void committed(GroupEvent e, OwnershipBooks own, java.util.Set<String> zombie, StaleReconciliations race) {
        Tenures tenure = own.tenures(e.member());
        boolean removed = zombie.contains(e.member());
        for (var c : e.offsets().entrySet()) {
            TopicPartition tp = c.getKey();
            int p = own.number(tp);
            boolean owner = !removed && tenure.covers(p, e.sentUs());
            if (!owner) {
                violation(e.timeUs(), e.group() + "/" + e.member() + " committed " + tp + " at offset " + c.getValue()
                        + (removed ? " after the coordinator had removed it" : " which it did not own when it sent the commit at t="
                        + Durations.format(e.sentUs())) + "; owners now: " + own.owners.text(p));
            }
            CommittedOffsets.Committer committer = !owner ? CommittedOffsets.Committer.STRAY
                    : race.covers(e.member(), tp, e.sentUs()) ? CommittedOffsets.Committer.STALE_RECONCILIATION : CommittedOffsets.Committer.OWNER;
            switch (own.offsets.commit(p, tp, c.getValue(), e.member(), committer)) {
                case BACKWARD -> violation(e.timeUs(), "group " + e.group() + ": " + own.offsets.text());
                case BACKWARD_AFTER_STRAY -> warn("at t=" + Durations.format(e.timeUs()) + " group " + e.group() + ": " + own.offsets.text()
                        + "; Kafka's coordinator overwrites committed offsets without comparing them");
                case FORWARD -> {
                }
            }
        }
    }

    /**
     * A group can only become settled, or change what it owns, on these events; commits,
     * heartbeat errors and the like cannot, so they do not cost a check.
     */
    private static boolean maySettle(GroupEventType type) {
        return switch (type) {
            case PARTITIONS_ASSIGNED, PARTITIONS_REVOKED, PARTITIONS_LOST, SYNCED, REBALANCE_COMPLETED, MEMBER_REMOVED,
                    MEMBER_REPLACED, MEMBER_STOPPED, MEMBER_CRASHED, MEMBER_FAILED, POLL_TIMEOUT -> true;
            default -> false;
        };
    }

    /** After every engine event: groups touched by it that have settled must be fully owned. */
    @Override
    public void afterEvent(long nowUs) {
        if (dirtyGroups.isEmpty()) {
            return;
        }
        for (String g : dirtyGroups) {
            GroupView view = views.get(g);
            if (!view.isSettled()) {
                continue;
            }
            OwnershipBooks own = owners.get(g);
            java.util.Set<String> zombie = zombies.getOrDefault(g, java.util.Set.of());
            PartitionTable<String> handedNow = handed.get(g).getOrDefault(view.epoch().value(), new PartitionTable<>());
            for (TopicPartition tp : view.assignablePartitions()) {
                int n = own.owners.live(own.find(tp), zombie, null);
                if (n == 0 && handedNow.get(tp) == null) {
                    // Not a broken protocol: the generation's assignment itself left it out. Real
                    // groups get there too, e.g. a cooperative assignment that waits for an offline
                    // static member to revoke a partition its restarted process never owned, or a
                    // static member that rejoined with a new subscription (no rebalance follows).
                    strand(nowUs, g, view.epoch(), tp);
                    continue;
                }
                if (n != 1) {
                    violation(nowUs, "group " + g + " is stable but partition " + tp + " has " + n + " owners" + (n > 1 ? " " + own.owners.text(own.find(tp)) : ""));
                    break;
                }
            }
        }
        dirtyGroups.clear();
    }

    private void strand(long nowUs, String group, Epoch epoch, TopicPartition tp) {
        if (stranded.add(group + "/" + epoch.value() + "/" + tp)) {
            if (warnings.size() < 20) {
                warnings.add("at t=" + Durations.format(nowUs) + " group " + group + " is stable in " + epoch.describe()
                        + " but its assignment left " + tp + " to nobody; it stays unconsumed until the next rebalance");
            }
        }
    }

    private void warn(String text) {
        if (warnings.size() < 20) {
            warnings.add(text);
        }
    }

    /** The run ended at {@code endUs}: stale-reconciliation windows still open are counted up to it. */
    public void finish(long endUs) {
        for (StaleReconciliations race : races.values()) {
            race.finish(endUs).forEach(this::warn);
        }
    }

    /** Partitions two members owned at once through Kafka's stale-reconciliation race (each window once). */
    public long staleReconciliations() {
        return races.values().stream().mapToLong(StaleReconciliations::overlaps).sum();
    }

    /** Summed virtual time of those windows (call {@link #finish} first). */
    public long staleReconciliationUs() {
        return races.values().stream().mapToLong(StaleReconciliations::overlapUs).sum();
    }

    /** Partitions a stable group's assignment left to nobody, counted once per generation. */
    public long strandedPartitions() {
        return stranded.size();
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private void violation(long timeUs, String what) {
        violations++;
        String msg = "invariant violated at t=" + Durations.format(timeUs) + " (seed " + seed + ", scenario " + scenario + "): " + what;
        if (messages.size() < 20) {
            messages.add(msg);
        }
        if (strict) {
            StringBuilder b = new StringBuilder(msg).append("\nlast events:");
            for (GroupEvent e : recent) {
                b.append("\n  ").append(Durations.millisText(e.timeUs())).append("ms ").append(e.type().traceName())
                        .append(' ').append(e.group()).append('/').append(e.member()).append(' ').append(e.epoch().describe())
                        .append(e.reason() == null ? "" : " reason=" + e.reason())
                        .append(e.partitions() == null ? "" : " " + e.partitions());
            }
            b.append("\nreplay with --seed ").append(seed);
            throw new InvariantViolation(b.toString());
        }
    }

    public long violations() {
        return violations;
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }
}
