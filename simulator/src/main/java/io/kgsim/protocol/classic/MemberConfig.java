package io.kgsim.protocol.classic;

import io.kgsim.scenario.ConsumerSettings;

/**
 * The consumer configs a member reads on its hot paths (every poll, heartbeat and request),
 * typed once from the scenario's {@link ConsumerSettings} instead of looked up by name each time.
 */
record MemberConfig(int sessionTimeoutMs, int heartbeatIntervalMs, int maxPollIntervalMs, boolean enableAutoCommit,
                    int autoCommitIntervalMs, long retryBackoffMs, int requestTimeoutMs, long metadataMaxAgeMs) {

    static MemberConfig of(ConsumerSettings s) {
        return new MemberConfig(s.sessionTimeoutMs(), s.heartbeatIntervalMs(), s.maxPollIntervalMs(), s.enableAutoCommit(),
                s.autoCommitIntervalMs(), s.retryBackoffMs(), s.requestTimeoutMs(),
                ((Number) s.values().get(org.apache.kafka.clients.consumer.ConsumerConfig.METADATA_MAX_AGE_CONFIG)).longValue());
    }
}
