package io.kgsim.engine;

/** What a scheduled timer does when the virtual clock reaches it. */
@FunctionalInterface
public interface Action {
    void run();
}
