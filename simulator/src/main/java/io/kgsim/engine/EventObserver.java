package io.kgsim.engine;

/** Called after every event: where invariant checkers hook in without protocol code knowing. */
@FunctionalInterface
public interface EventObserver {
    void afterEvent(long nowUs);
}
