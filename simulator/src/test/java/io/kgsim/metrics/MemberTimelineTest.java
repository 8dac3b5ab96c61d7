package io.kgsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kgsim.metrics.MemberTimeline.Interval;
import io.kgsim.metrics.MemberTimeline.State;
import io.kgsim.protocol.Epoch;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
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

    /** c1 owns t-0..t-2; an answer at 2 s takes t-2 away; it revokes it at its poll at 2.5 s. */
    @Test
    void aConsumerProtocolMemberRevokesFromTheAnswerThatTookPartitionsAwayUntilItsPoll() {
        MemberTimeline timeline = new MemberTimeline();
        List<TopicPartition> three = List.of(new TopicPartition("t", 0), new TopicPartition("t", 1), new TopicPartition("t", 2));
        timeline.on(GroupEvent.member(0, GroupEventType.MEMBER_STARTED, "g", "c1", Epoch.NONE, null));
        timeline.on(GroupEvent.assignmentReceived(1_000, GroupEventType.ASSIGNMENT_RECEIVED, "g", "c1", Epoch.consumer(-1, 1), three));
        timeline.on(GroupEvent.ownership(1_500, GroupEventType.PARTITIONS_ASSIGNED, "g", "c1", Epoch.consumer(-1, 1), null, three, three));
        timeline.on(GroupEvent.assignmentReceived(2_000_000, GroupEventType.ASSIGNMENT_RECEIVED, "g", "c1", Epoch.consumer(-1, 1), three.subList(0, 2)));
        timeline.on(GroupEvent.ownership(2_500_000, GroupEventType.PARTITIONS_REVOKED, "g", "c1", Epoch.consumer(-1, 1), "reconciliation",
                three.subList(2, 3), three.subList(0, 2)));
        // An answer that only moves the epoch changes nothing.
        timeline.on(GroupEvent.assignmentReceived(4_000_000, GroupEventType.ASSIGNMENT_RECEIVED, "g", "c1", Epoch.consumer(-1, 2), three.subList(0, 2)));
        assertEquals(List.of(new Interval("g", "c1", State.JOINING, 0, 1_000),
                        new Interval("g", "c1", State.STABLE, 1_000, 2_000_000),
                        new Interval("g", "c1", State.REVOKING, 2_000_000, 2_500_000),
                        new Interval("g", "c1", State.STABLE, 2_500_000, 6_000_000)),
                timeline.intervals(6_000_000));
    }
}
