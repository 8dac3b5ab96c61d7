package io.kgsim.protocol.classic;

import io.kgsim.engine.Simulation;
import io.kgsim.engine.SimulationException;
import io.kgsim.protocol.OffsetStore;
import org.apache.kafka.common.protocol.Errors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A classic group's state on its coordinator ({@code ClassicGroup}). Members keep insertion
 * order: Kafka picks a new leader as "the first key of a HashMap" (arbitrary); kgsim takes the
 * longest-standing member instead, deterministically.
 */
final class ClassicGroup {
    final String groupId;
    ClassicGroupState state = ClassicGroupState.EMPTY;
    ClassicGroupState previousState = ClassicGroupState.EMPTY;
    int generationId;
    String protocolName;
    String leaderId;
    final Map<String, ClassicGroupMember> members = new LinkedHashMap<>();
    private int awaitingJoinCount;
    final Set<String> pendingJoinMembers = new LinkedHashSet<>();
    final Set<String> pendingSyncMembers = new LinkedHashSet<>();
    /** group.instance.id -> current member id. */
    final Map<String, String> staticMembers = new HashMap<>();
    /** Committed offsets: they outlive generations and an empty group. */
    final OffsetStore offsets = new OffsetStore();
    /** How many members offer each protocol: "supported by every member" without a scan. */
    private final Map<String, Integer> protocolSupport = new HashMap<>();
    /** A member was added during the initial (delayed) join phase: extend the delay once more. */
    boolean newMemberAdded;

    /** For an illegal move's message: the seed and virtual time to replay it with. */
    private final Simulation sim;

    ClassicGroup(String groupId, Simulation sim) {
        this.groupId = groupId;
        this.sim = sim;
    }

    /**
     * The one door between states ({@code ClassicGroup.transitionTo} in Kafka): a move the state
     * table does not allow is a coordinator bug, so it stops the run naming the seed and the
     * virtual time, whether a timer or a test's direct call made it.
     */
    void transitionTo(ClassicGroupState next) {
        if (!next.canFollow(state)) {
            throw new SimulationException(sim.seed(), sim.now(), new IllegalStateException("group " + groupId
                    + " cannot move from " + state + " to " + next + ": " + next + " may only follow " + next.validPrevious()));
        }
        previousState = state;
        state = next;
    }

    /**
     * Kafka's {@code ClassicGroup.validateMember}: a static member's instance id held by another
     * member id is fenced (a zombie of a replaced instance); otherwise the member must be known.
     */
    Errors validateMember(String memberId, String groupInstanceId) {
        if (groupInstanceId != null) {
            String current = staticMembers.get(groupInstanceId);
            if (current != null && !current.equals(memberId)) {
                return Errors.FENCED_INSTANCE_ID;
            }
        }
        return members.containsKey(memberId) ? Errors.NONE : Errors.UNKNOWN_MEMBER_ID;
    }

    /**
     * {@link #validateMember}, then the generation: what SyncGroup, Heartbeat and OffsetCommit
     * check (Kafka's {@code validateSyncGroup}, heartbeat validation and
     * {@code validateOffsetCommit} for a member's commit).
     */
    Errors validateMember(String memberId, String groupInstanceId, int generationId) {
        Errors error = validateMember(memberId, groupInstanceId);
        if (error == Errors.NONE && generationId != this.generationId) {
            return Errors.ILLEGAL_GENERATION;
        }
        return error;
    }

    boolean canRebalance() {
        return state == ClassicGroupState.STABLE || state == ClassicGroupState.COMPLETING_REBALANCE || state == ClassicGroupState.EMPTY;
    }

    boolean isLeader(String memberId) {
        return memberId.equals(leaderId);
    }

    void add(ClassicGroupMember m) {
        if (leaderId == null) {
            leaderId = m.memberId;
        }
        members.put(m.memberId, m);
        m.group = this;
        if (m.isAwaitingJoin()) {
            awaitingJoinCount++;
        }
        support(m.protocols, 1);
        if (m.isStatic()) {
            staticMembers.put(m.groupInstanceId, m.memberId);
        }
    }

    void remove(String memberId) {
        ClassicGroupMember m = members.remove(memberId);
        if (m != null) {
            support(m.protocols, -1);
            if (m.isAwaitingJoin()) {
                awaitingJoinCount--;
            }
            m.group = null;
        }
        if (m != null && m.isStatic() && memberId.equals(staticMembers.get(m.groupInstanceId))) {
            staticMembers.remove(m.groupInstanceId);
        }
        pendingSyncMembers.remove(memberId);
        if (memberId.equals(leaderId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
    }

    /**
     * Members with a JoinGroup parked. Counted as they park and leave, not by a walk over the
     * group: the join phase asks after every JoinGroup, which made a rebalance of a thousand
     * members cost a million steps.
     */
    int numAwaitingJoin() {
        return awaitingJoinCount;
    }

    void awaitingJoinChanged(int delta) {
        awaitingJoinCount += delta;
    }

    boolean hasAllMembersJoined() {
        return members.size() == numAwaitingJoin() && pendingJoinMembers.isEmpty();
    }

    /** The rebalance timeout: the largest {@code max.poll.interval.ms} among current members. */
    int rebalanceTimeoutMs() {
        int max = 0;
        for (ClassicGroupMember m : members.values()) {
            max = Math.max(max, m.rebalanceTimeoutMs);
        }
        return max;
    }

    /**
     * Kafka's {@code selectProtocol}: among protocols every member supports, each member votes
     * for its first; most votes wins. Kafka breaks ties by HashMap order; kgsim by name.
     */
    String selectProtocol() {
        Set<String> candidates = null;
        for (ClassicGroupMember m : members.values()) {
            Set<String> names = new LinkedHashSet<>();
            for (Protocol p : m.protocols) {
                names.add(p.name());
            }
            if (candidates == null) {
                candidates = names;
            } else {
                candidates.retainAll(names);
            }
        }
        if (candidates == null || candidates.isEmpty()) {
            return null;
        }
        Map<String, Integer> votes = new TreeMap<>();
        for (ClassicGroupMember m : members.values()) {
            for (Protocol p : m.protocols) {
                if (candidates.contains(p.name())) {
                    votes.merge(p.name(), 1, Integer::sum);
                    break;
                }
            }
        }
        String best = null;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (best == null || e.getValue() > votes.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }

    /** A member's protocol list changed ({@code updateMember}): keep the support counts true. */
    void replaceProtocols(ClassicGroupMember m, List<Protocol> protocols) {
        if (members.get(m.memberId) == m) {
            support(m.protocols, -1);
            support(protocols, 1);
        }
        m.protocols = protocols;
    }

    private void support(List<Protocol> protocols, int delta) {
        for (Protocol p : protocols) {
            protocolSupport.merge(p.name(), delta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    /**
     * Would a member with {@code protocols} be compatible with the group's current members
     * (offer one protocol every member offers)? Counted, not scanned: a JoinGroup in a group of
     * a thousand members costs no more than in a group of two.
     */
    boolean supportsProtocols(List<Protocol> protocols) {
        if (members.isEmpty()) {
            return !protocols.isEmpty();
        }
        for (Protocol p : protocols) {
            if (protocolSupport.getOrDefault(p.name(), 0) == members.size()) {
                return true;
            }
        }
        return false;
    }

    List<String> memberNames() {
        List<String> names = new ArrayList<>();
        for (ClassicGroupMember m : members.values()) {
            names.add(m.clientId);
        }
        names.sort(null);
        return names;
    }
}
