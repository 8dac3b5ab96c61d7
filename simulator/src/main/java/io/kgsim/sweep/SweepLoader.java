package io.kgsim.sweep;

import io.kgsim.scenario.ScenarioException;

/**
 * Reads a sweep file, applies its values to the scenario and validates every cell before any run.
 * (Placeholder: the full loader replaces this class.)
 */
public final class SweepLoader {
    private SweepLoader() {
    }

    /** The plan {@code source} describes, the same in every process that builds it. */
    public static SweepPlan fromSource(SweepSource source) throws ScenarioException {
        throw new UnsupportedOperationException("not built yet");
    }
}
