package io.kgsim.protocol;

/** Observes group events: the trace writer, metrics and invariant checkers. */
@FunctionalInterface
public interface GroupEventListener {
    void on(GroupEvent event);
}
