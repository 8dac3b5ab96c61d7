package io.kgsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kgsim.metrics.MemberTimeline.Interval;
import io.kgsim.metrics.MemberTimeline.State;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberTimelineTest {

    private static List<Interval> run(GroupEventType received, Epoch epoch) {
        MemberTimeline timeline = new MemberTimeline();
        timeline.on(GroupEvent.member(0, GroupEventType.MEMBER_STARTED, "g", "c1", Epoch.NONE, null));
        timeline.on(GroupEvent.assignmentReceived(2_000_000, received, "g", "c1", epoch, List.of()));
        timeline.on(GroupEvent.member(5_000_000, GroupEventType.MEMBER_STOPPED, "g", "c1", epoch, null));
        return timeline.intervals(6_000_000);
    }

    @Test
    void aClassicMemberIsStableFromItsSyncGroupAnswer() {
        assertEquals(List.of(new Interval("g", "c1", State.JOINING, 0, 2_000_000),
                        new Interval("g", "c1", State.STABLE, 2_000_000, 5_000_000),
                        new Interval("g", "c1", State.STOPPED, 5_000_000, 6_000_000)),
                run(GroupEventType.SYNCED, Epoch.generation(1)));
    }

    @Test
    void aConsumerProtocolMemberIsStableFromTheHeartbeatThatBroughtItsAssignment() {
        assertEquals(List.of(new Interval("g", "c1", State.JOINING, 0, 2_000_000),
                        new Interval("g", "c1", State.STABLE, 2_000_000, 5_000_000),
                        new Interval("g", "c1", State.STOPPED, 5_000_000, 6_000_000)),
                run(GroupEventType.ASSIGNMENT_RECEIVED, Epoch.consumer(-1, 3)));
    }
}
