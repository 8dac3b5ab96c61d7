package io.kgsim.protocol.classic;

import io.kgsim.engine.Simulation;
import io.kgsim.protocol.CoordinatorChannel;
import io.kgsim.protocol.GroupEventType;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * OffsetCommit and OffsetFetch as {@code ConsumerCoordinator} sends them
 * ({@code sendOffsetCommitRequest}, {@code fetchCommittedOffsets}): a commit carries the
 * member's generation and id, and a coordinator error sends the member looking for its
 * coordinator again.
 */
final class OffsetRequests {
    private final ClassicMember member;
    private final ClassicMembership membership;
    private final Simulation sim;
    private final CoordinatorChannel channel;
    private final ClassicGroupRequests coordinator;

    OffsetRequests(ClassicMember member, ClassicMembership membership, Simulation sim, CoordinatorChannel channel,
                   ClassicGroupRequests coordinator) {
        this.member = member;
        this.membership = membership;
        this.sim = sim;
        this.channel = channel;
        this.coordinator = coordinator;
    }

    /**
     * Commits {@code offsets} for the current generation. A member without a generation is
     * fenced at once, as the client throws {@code CommitFailedException} without asking; a
     * refusal is traced as commit-failed.
     */
    void commit(SortedMap<TopicPartition, Long> offsets, Consumer<Errors> then) {
        int generationId = membership.generationId();
        String memberId = membership.memberId();
        if (generationId < 0 || memberId.isEmpty()) {
            member.emit(GroupEventType.COMMIT_FAILED, "no generation: the member was fenced or left the group");
            then.accept(Errors.ILLEGAL_GENERATION);
            return;
        }
        OffsetCommitRequest req = new OffsetCommitRequest(member.groupId(), memberId, member.groupInstanceId(), member.name(),
                generationId, offsets, sim.now());
        channel.send(coordinator::handleOffsetCommit, req, member.commitAnswered(then), Errors.REQUEST_TIMED_OUT);
    }

    /** OffsetFetch: the group's committed offsets for {@code partitions} (-1 where none), null if the coordinator was lost. */
    void fetch(List<TopicPartition> partitions, Consumer<Map<TopicPartition, Long>> then) {
        channel.send((List<TopicPartition> req, Consumer<Map<TopicPartition, Long>> cb) -> coordinator.handleOffsetFetch(member.groupId(), req, cb),
                partitions, committed -> {
                    if (committed == null) {
                        channel.markCoordinatorUnknown(Errors.NOT_COORDINATOR);
                    }
                    then.accept(committed);
                }, (Map<TopicPartition, Long>) null);
    }
}
