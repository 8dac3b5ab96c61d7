package io.kgsim.protocol.consumer;

import io.kgsim.scenario.ConsumerSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The consumer configs a consumer-protocol member reads, typed once. The session timeout and
 * heartbeat interval are not among them: with {@code group.protocol=consumer} the broker
 * imposes both ({@code group.consumer.*}) and tells the interval in every heartbeat answer.
 *
 * @param maxPollIntervalMs also the rebalance timeout sent in the join heartbeat
 * @param remoteAssignor    {@code group.remote.assignor}: the server assignor asked for, or null
 *                          for the broker's default ({@code --strategy <class>} puts the class
 *                          there: its {@code name()} is what the member sends)
 */
record ConsumerMemberConfig(int maxPollIntervalMs, boolean enableAutoCommit, int autoCommitIntervalMs, long retryBackoffMs,
                            long retryBackoffMaxMs, int requestTimeoutMs, String remoteAssignor) {

    static ConsumerMemberConfig of(ConsumerSettings s) {
        Object assignor = s.values().get(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG);
        return new ConsumerMemberConfig(s.maxPollIntervalMs(), s.enableAutoCommit(), s.autoCommitIntervalMs(), s.retryBackoffMs(),
                ((Number) s.values().get(ConsumerConfig.RETRY_BACKOFF_MAX_MS_CONFIG)).longValue(), s.requestTimeoutMs(),
                assignor == null ? null : ServerAssignors.nameOf(assignor.toString()));
    }
}
