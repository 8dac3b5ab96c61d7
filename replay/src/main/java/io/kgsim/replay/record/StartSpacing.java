package io.kgsim.replay.record;

import java.util.concurrent.TimeUnit;

/**
 * How far apart a replay starts the members that its scenario starts at the same instant in one
 * group (a group's {@code consumers}, a {@code start {count}}), on both sides alike: the i-th of
 * them (from 0, in name order) at {@code i * SPACING_US} after the scenario time.
 *
 * <p>Why: the consumer protocol's first target gives every partition to the first member to
 * reach the coordinator, and {@code uniform} keeps part of them there, so the assignment after
 * a formation depends on who arrived first. Real members told to start at the same instant
 * arrive in an order their JVMs' scheduling decides (a few ms apart), the simulated ones in name
 * order: both were right and they disagreed. Spaced this far apart, the real members arrive in
 * name order on every run, and the simulated ones are started at exactly the same times.
 */
public final class StartSpacing {
    /** See the class comment; measured in README "Replay". */
    public static final long SPACING_US = TimeUnit.MILLISECONDS.toMicros(100);

    private StartSpacing() {
    }

    /** When the i-th (from 0) of the members started together at {@code atUs} starts. */
    public static long startUs(long atUs, int i) {
        return atUs + i * SPACING_US;
    }
}
