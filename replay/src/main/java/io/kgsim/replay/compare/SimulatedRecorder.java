package io.kgsim.replay.compare;

import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.replay.record.OwnershipEvent;
import io.kgsim.replay.record.OwnershipEvent.Kind;
import io.kgsim.replay.record.Recording;
import io.kgsim.scenario.Scenario;
import io.kgsim.scenario.TimelineEntry;
import io.kgsim.sim.GroupResult;
import io.kgsim.sim.RunResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes a simulation's group events in a replay's words ({@link OwnershipEvent}), as a real
 * member's application would have seen them: its rebalance callbacks, the generation or member
 * epoch it learned, and its process starting, closing or being killed.
 *
 * <p>Two translations keep both sides alike. A crash is {@code KILLED}, and the simulator's
 * {@code partitions-lost} that follows it (reason {@code crash}) is dropped: a killed process runs
 * no callback. A graceful stop is {@code CLOSED} once the close has revoked what the member
 * owned, since the real side records {@code close()} returning, which is after its revocation.
 * A member whose poll loop is stuck (a {@code handler} pause) runs no callback until it polls
 * again: the simulator releases its partitions when {@code max.poll.interval.ms} expires (the
 * heartbeat thread leaves the group, and fetching for them stops), but the real application's
 * {@code onPartitionsLost} runs only after the handler returns, so the end of its ownership is
 * held until {@code member-resumed} and recorded then, as the real side sees it.
 * The simulator does not announce member ids with its events, so {@link OwnershipEvent#memberId()}
 * is "" here; the recording's {@code memberIds} lists every id each member got.
 */
public final class SimulatedRecorder implements GroupEventListener {
    private final Scenario scenario;
    private final List<OwnershipEvent> events = new ArrayList<>();
    /** Per {@code group/member}; looked up, never iterated. */
    private final Map<String, MemberState> members = new HashMap<>();

    /** What the recorder remembers of one member between its events. */
    private static final class MemberState {
        int epoch = -1;
        int owned;
        boolean closing;
        boolean killed;
        /** In a handler pause: ownership changes wait here for the poll loop to turn again. */
        boolean stalled;
        final List<GroupEvent> held = new ArrayList<>();
    }

    public SimulatedRecorder(Scenario scenario) {
        this.scenario = scenario;
    }

    @Override
    public void on(GroupEvent e) {
        if (e.member() == null || e.group() == null) {
            return;
        }
        MemberState m = members.computeIfAbsent(e.group() + "/" + e.member(), k -> new MemberState());
        switch (e.type()) {
            case MEMBER_STARTED -> {
                m.epoch = -1;
                m.owned = 0;
                m.closing = false;
                m.killed = false;
                add(e, Kind.STARTED, List.of(), m);
            }
            case MEMBER_STOPPED, MEMBER_FAILED -> closing(e, m);
            case MEMBER_CRASHED -> {
                m.killed = true;
                m.owned = 0;
                add(e, Kind.KILLED, List.of(), m);
            }
            case PARTITIONS_ASSIGNED -> ownership(e, Kind.ASSIGNED, m);
            case PARTITIONS_REVOKED -> ownership(e, Kind.REVOKED, m);
            case PARTITIONS_LOST -> {
                if (!m.killed) {
                    ownership(e, Kind.LOST, m);
                }
            }
            case SYNCED, ASSIGNMENT_RECEIVED -> epoch(e, m);
            case MEMBER_PAUSED -> m.stalled = e.reason() != null && e.reason().startsWith("handler");
            case MEMBER_RESUMED -> resumed(e, m);
            default -> {
            }
        }
    }

    /** A close (or a fatal error) begins: it ends with the revocation of what the member owns. */
    private void closing(GroupEvent e, MemberState m) {
        if (m.owned == 0) {
            add(e, Kind.CLOSED, List.of(), m);
        } else {
            m.closing = true;
        }
    }

    /** The poll loop turns again: the callbacks held during a handler pause run now. */
    private void resumed(GroupEvent resume, MemberState m) {
        m.stalled = false;
        for (GroupEvent held : m.held) {
            GroupEvent now = GroupEvent.ownership(resume.timeUs(), held.type(), held.group(), held.member(), held.epoch(), held.reason(),
                    held.partitions(), held.owned());
            ownership(now, held.type() == GroupEventType.PARTITIONS_LOST ? Kind.LOST : Kind.REVOKED, m);
        }
        m.held.clear();
    }

    private void ownership(GroupEvent e, Kind kind, MemberState m) {
        if (m.stalled && kind != Kind.ASSIGNED) {
            m.held.add(e);
            return;
        }
        m.owned = e.owned().size();
        add(e, kind, names(e.partitions()), m);
        if (m.closing && m.owned == 0) {
            m.closing = false;
            add(e, Kind.CLOSED, List.of(), m);
        }
    }

    /** The member learned its assignment of a generation (SyncGroup) or member epoch (heartbeat). */
    private void epoch(GroupEvent e, MemberState m) {
        int value = epochOf(e.epoch());
        if (value >= 0 && value != m.epoch) {
            m.epoch = value;
            add(e, Kind.EPOCH, List.of(), m);
        }
    }

    /** The generation (classic) or member epoch (consumer protocol), as {@code groupMetadata().generationId()} gives it. */
    private static int epochOf(Epoch epoch) {
        return epoch.generation() >= 0 ? epoch.generation() : epoch.memberEpoch();
    }

    private void add(GroupEvent e, Kind kind, List<String> partitions, MemberState m) {
        events.add(new OwnershipEvent(e.timeUs(), e.group(), e.member(), kind, partitions, m.epoch, ""));
    }

    private static List<String> names(List<TopicPartition> partitions) {
        List<String> out = new ArrayList<>(partitions.size());
        for (TopicPartition tp : partitions) {
            out.add(tp.toString());
        }
        return out;
    }

    /** The recording, once the run has ended: its events, every member's ids, and the timeline as scheduled. */
    public Recording recording(RunResult result) {
        Map<String, List<String>> ids = new TreeMap<>();
        for (GroupResult g : result.groups()) {
            g.memberIds().forEach((member, list) -> ids.put(g.group() + "/" + member, list));
        }
        List<Recording.ActionTime> actions = new ArrayList<>();
        for (int i = 0; i < scenario.timeline().size(); i++) {
            TimelineEntry t = scenario.timeline().get(i);
            actions.add(new Recording.ActionTime(i, t.action().label(), t.atUs(), t.atUs()));
        }
        return new Recording(events, ids, actions);
    }
}
