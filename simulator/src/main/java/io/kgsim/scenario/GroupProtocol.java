package io.kgsim.scenario;

/** Kafka's {@code group.protocol}: the classic JoinGroup/SyncGroup protocol or KIP-848's. */
public enum GroupProtocol {
    CLASSIC("classic"),
    CONSUMER("consumer");

    private final String configValue;

    GroupProtocol(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }
}
