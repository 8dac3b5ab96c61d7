package io.kgsim.protocol.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.protocol.classic.CoordinatorDriver.Reply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/**
 * The classic coordinator answers the requests that write to {@code __consumer_offsets} once the
 * write commits, as Kafka 4.4's {@code CoordinatorRuntime} does: the leader's SyncGroup (and with
 * it every parked SyncGroup), and OffsetCommit.
 */
class CoordinatorWriteTest {
    private static final long WRITE_MS = 3;
    private static final TopicPartition T0 = new TopicPartition("t", 0);

    private final CoordinatorDriver d = new CoordinatorDriver(Integer.MAX_VALUE, WRITE_MS * 1_000);

    /** The leader's SyncGroup arrives after the follower's; returns both replies, follower first. */
    private List<Reply<SyncGroupResponse>> leaderSyncs(Map<String, JoinGroupResponse> answers) {
        String leader = answers.get("c1").memberId();
        String follower = answers.get("c2").memberId();
        Map<String, byte[]> assignments = new LinkedHashMap<>();
        assignments.put(leader, new byte[] {1});
        assignments.put(follower, new byte[] {2});
        Reply<SyncGroupResponse> followerSync = d.sync(follower, 1);
        Reply<SyncGroupResponse> leaderSync = d.sync(leader, null, 1, assignments);
        return List.of(followerSync, leaderSync);
    }

    @Test
    void theSyncGroupsAreAnsweredWhenTheLeadersAssignmentIsWritten() {
        List<Reply<SyncGroupResponse>> syncs = leaderSyncs(d.completingGroup(false, "c1", "c2"));
        d.advanceMs(WRITE_MS - 1);
        assertTrue(syncs.get(0).parked() && syncs.get(1).parked(), "nobody hears before the write commits");
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, d.state());
        d.advanceMs(1);
        assertEquals(ClassicGroupState.STABLE, d.state());
        assertArrayEquals(new byte[] {2}, syncs.get(0).only().assignment());
        assertArrayEquals(new byte[] {1}, syncs.get(1).only().assignment());
    }

    @Test
    void aMemberJoiningWhileTheAssignmentIsWrittenTurnsItIntoARebalance() {
        List<Reply<SyncGroupResponse>> syncs = leaderSyncs(d.completingGroup(false, "c1", "c2"));
        d.join(d.newMemberId("c3"), "c3");
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, d.state());
        for (Reply<SyncGroupResponse> r : syncs) {
            assertEquals(Errors.REBALANCE_IN_PROGRESS, r.only().error());
        }
        d.advanceMs(WRITE_MS);
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, d.state(), "the late write does not make the group Stable");
        assertEquals(1, syncs.get(0).got.size(), "nor answer anyone twice");
    }

    /**
     * The offsets are in the coordinator's state as soon as it writes them (the consumer's
     * OffsetFetch asks for stable offsets, which Kafka serves from that state), while the member
     * hears back only once they are committed.
     */
    @Test
    void anOffsetCommitIsAnsweredOnceWritten() {
        Map<String, String> ids = d.stableGroup(false, "c1");
        Reply<Errors> commit = d.commitReply(ids.get("c1"), "c1", 1, Map.of(T0, 42L));
        assertTrue(commit.parked());
        assertEquals(42L, fetch());
        d.advanceMs(WRITE_MS);
        assertEquals(Errors.NONE, commit.only());
    }

    private long fetch() {
        Reply<Map<TopicPartition, Long>> reply = new Reply<>();
        d.coordinator.handleOffsetFetch(CoordinatorDriver.GROUP, List.of(T0), reply);
        return reply.only().get(T0);
    }
}
