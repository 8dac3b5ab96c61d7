package io.kgsim.sweep;

import io.kgsim.scenario.ScenarioException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a sweep file, applies its values to the scenario and validates every cell before any run.
 * (Placeholder: the full loader replaces this class.)
 */
public final class SweepLoader {
    private SweepLoader() {
    }

    /**
     * Reads {@code sweepFile} and the scenario it names, with the command line's overrides (each null when not given).
     *
     * @throws ScenarioException located at the sweep or scenario file's line and column where there is one
     */
    public static SweepPlan load(Path sweepFile, String seeds, List<String> strategies, String metric) throws ScenarioException {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The plan {@code source} describes, the same in every process that builds it. */
    public static SweepPlan fromSource(SweepSource source) throws ScenarioException {
        throw new UnsupportedOperationException("not built yet");
    }
}
