package io.kgsim.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * Everything a sweep's plan is built from, as text: what travels to another process (a Spark
 * executor) so that it rebuilds the very same plan without reading the user's files.
 *
 * @param sweepFile the sweep file's name as errors print it; {@code sweepText} its contents
 * @param scenarioFile the scenario file's name as errors print it; {@code scenarioText} its contents
 * @param seeds the command line's {@code --seeds}, replacing the file's; null when not given
 * @param strategies the command line's {@code --strategies}, replacing the file's; null when not given
 * @param metric the command line's {@code --metric}, replacing the file's; null when not given
 */
public record SweepSource(String sweepFile, String sweepText, String scenarioFile, String scenarioText, String seeds,
        List<String> strategies, String metric) implements Serializable {
    public SweepSource {
        strategies = strategies == null ? null : List.copyOf(strategies);
    }
}
