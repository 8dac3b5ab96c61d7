package io.kgsim.protocol.consumer;

import io.kgsim.engine.Durations;
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
 * OffsetCommit and OffsetFetch as the consumer-protocol client's {@code CommitRequestManager}
 * sends them: with the member id and the latest member epoch heard. A member with no epoch
 * above 0 (joining, fenced, left) has nothing it may commit: the commit fails at once, as the
 * client's {@code commitSync} throws without a valid epoch. An OffsetFetch answered
 * STALE_MEMBER_EPOCH or UNKNOWN_MEMBER_ID is retried after {@code retry.backoff.ms} with the
 * epoch heard since, as long as the member has one.
 */
final class ConsumerOffsetRequests {
    private final ConsumerMember member;
    private final Simulation sim;
    private final CoordinatorChannel channel;
    private final ConsumerGroupRequests coordinator;
    private final long retryBackoffUs;

    ConsumerOffsetRequests(ConsumerMember member, Simulation sim, CoordinatorChannel channel, ConsumerGroupRequests coordinator,
                           long retryBackoffMs) {
        this.member = member;
        this.sim = sim;
        this.channel = channel;
        this.coordinator = coordinator;
        this.retryBackoffUs = Durations.ms(retryBackoffMs);
    }

    void commit(SortedMap<TopicPartition, Long> offsets, Consumer<Errors> then) {
        int epoch = member.memberEpoch();
        if (epoch <= 0) {
            member.emit(GroupEventType.COMMIT_FAILED, "no member epoch: the member is joining, was fenced or left the group");
            then.accept(Errors.UNKNOWN_MEMBER_ID);
            return;
        }
        OffsetCommitRequest req = new OffsetCommitRequest(member.groupId(), member.name(), member.memberId(), epoch, offsets, sim.now());
        channel.send(coordinator::handleOffsetCommit, req, member.commitAnswered(then), Errors.REQUEST_TIMED_OUT);
    }

    /** The committed offsets of {@code partitions} (-1 where none), or null when the coordinator was lost or the epoch is gone. */
    void fetch(List<TopicPartition> partitions, Consumer<Map<TopicPartition, Long>> then) {
        int epoch = member.memberEpoch();
        OffsetFetchRequest req = new OffsetFetchRequest(member.groupId(), epoch >= 0 ? member.memberId() : null, Math.max(epoch, -1),
                partitions);
        int incarnation = member.incarnation();
        channel.send(coordinator::handleOffsetFetch, req, resp -> {
            switch (resp.error()) {
                case NONE -> then.accept(resp.offsets());
                case STALE_MEMBER_EPOCH, UNKNOWN_MEMBER_ID -> retry(incarnation, partitions, then);
                default -> {
                    channel.markCoordinatorUnknown(resp.error());
                    then.accept(null);
                }
            }
        }, OffsetFetchResponse.error(Errors.REQUEST_TIMED_OUT));
    }

    /** The heartbeat that brings the member's new epoch is at most one interval away: ask again until then. */
    private void retry(int incarnation, List<TopicPartition> partitions, Consumer<Map<TopicPartition, Long>> then) {
        sim.schedule(retryBackoffUs, () -> {
            if (incarnation != member.incarnation()) {
                return;
            }
            if (member.running() && member.memberEpoch() > 0) {
                fetch(partitions, then);
            } else {
                then.accept(null);
            }
        });
    }
}
