package io.kgsim.sweep;

import java.io.Serializable;

/**
 * Everything a sweep's plan is built from, as text: what travels to another process (a Spark
 * executor) so that it rebuilds the very same plan without reading the user's files.
 *
 * @param sweepFile the sweep file's name as errors print it; {@code sweepText} its contents
 * @param scenarioFile the scenario file's name as errors print it; {@code scenarioText} its contents
 */
public record SweepSource(String sweepFile, String sweepText, String scenarioFile, String scenarioText) implements Serializable {
}
