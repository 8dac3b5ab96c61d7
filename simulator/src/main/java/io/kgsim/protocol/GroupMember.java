package io.kgsim.protocol;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * One consumer's group membership, whatever its {@code group.protocol}: what the consumer
 * application, the timeline and the observers may ask of it. The protocol's own steps (JoinGroup
 * and SyncGroup, or KIP-848's heartbeats and reconciliation) stay behind this interface;
 * {@link ProtocolFactory} builds the implementation the group's protocol names.
 *
 * <p>The member reports to its {@link MemberHost} (the application thread and fetcher): it asks
 * for the main thread with {@link MemberHost#wakeup()} and is run there by {@link #poll()}.
 */
public interface GroupMember {
    /** The member's scenario name (c1, c2, ...), also its {@code client.id}. */
    String name();

    /** Connects the application thread and fetcher this member reports to. */
    void attach(MemberHost host);

    // ---------------------------------------------------------------- process lifecycle (the timeline)

    /** The process starts: a new incarnation with no member id and nothing owned. */
    void start();

    /** {@code KafkaConsumer.close()}: commit if auto-commit is on, revoke everything, leave. */
    void stop();

    /** The process is killed: nothing more is sent, ownership ends at once. */
    void crash();

    /** A stop-the-world pause: no thread of the process runs before {@code untilUs}. */
    void freeze(long untilUs);

    /** The member cannot reach its coordinator for {@code durationUs}; partition leaders it still reaches. */
    void cutNetwork(long durationUs);

    /** {@code subscribe()} with new topics. */
    void subscribe(List<String> topics);

    /** The topics subscribed now, sorted. */
    List<String> subscription();

    // ---------------------------------------------------------------- the application thread

    /** Run by the application thread each time it enters {@code poll()}: the protocol's main-thread steps. */
    void poll();

    /** {@code poll()} returned records: {@code max.poll.interval.ms} counts from now until the next poll. */
    void pollReturned();

    /** When the next auto-commit is due, or {@code Long.MAX_VALUE} when none is. */
    long nextAutoCommitUs();

    // ---------------------------------------------------------------- ownership and fetching

    /** What the member owns, sorted; the same list instance until ownership changes. */
    List<TopicPartition> owned();

    /** Is {@code tp} owned and not on its way out (a revocation under way stops fetching first)? */
    boolean mayFetch(TopicPartition tp);

    /** Are some owned partitions waiting for their revocation? */
    boolean hasPendingRevocation();

    /** Is every owned partition waiting for its revocation? Then nothing may be fetched. */
    boolean revokingEverything();

    // ---------------------------------------------------------------- offsets

    /**
     * Commits {@code offsets} (the next offset to consume per partition) under the member's
     * current generation or epoch; {@code then} gets the coordinator's answer (NONE on success).
     */
    void commitOffsets(SortedMap<TopicPartition, Long> offsets, Consumer<Errors> then);

    /** OffsetFetch: the group's committed offsets for {@code partitions} (-1 where none), null if the coordinator was lost. */
    void fetchCommitted(List<TopicPartition> partitions, Consumer<Map<TopicPartition, Long>> then);

    // ---------------------------------------------------------------- observers' view

    boolean isAlive();

    /** The id the coordinator knows the member by ("" when it has none). */
    String memberId();

    /**
     * Every member id the member has had, in the order it got them: one per process in the
     * consumer protocol, each one the coordinator handed it in the classic protocol.
     */
    List<String> memberIds();

    /** The generation (classic) or member epoch (consumer) the member is at. */
    Epoch epoch();

    /** Has the member a generation (classic) or a member epoch above 0 (consumer)? */
    boolean inGroup();

    /** The member's protocol state in its protocol's words (for diagnostics). */
    String protocolState();

    /** Holds its assignment for its generation or epoch with nothing pending: the member has settled. */
    boolean isSettled();

    /**
     * EAGER when the group gives up everything before a rebalance, COOPERATIVE when partitions
     * move one by one and no partition is ever owned twice (KIP-429, and always KIP-848); null
     * until the member first started.
     */
    RebalanceProtocol rebalanceProtocol();
}
