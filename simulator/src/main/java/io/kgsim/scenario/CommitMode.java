package io.kgsim.scenario;

/**
 * How a group's consumers commit. {@code AUTO} is {@code enable.auto.commit=true}: every
 * {@code auto.commit.interval.ms}, on poll, plus before each rebalance and on close. With
 * auto-commit off, the scenario's {@code commit} key picks a manual pattern.
 */
public enum CommitMode {
    AUTO("auto"),
    /** {@code commitSync()} after each processed batch: the next poll waits for the answer. */
    SYNC_PER_BATCH("sync-per-batch"),
    /** {@code commitAsync()} after each processed batch. */
    ASYNC_PER_BATCH("async-per-batch"),
    /** Auto-commit off and no manual commit: progress is never committed. */
    NONE("none");

    private final String text;

    CommitMode(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static CommitMode parse(String text) {
        for (CommitMode m : values()) {
            if (m.text.equals(text)) {
                return m;
            }
        }
        return null;
    }
}
