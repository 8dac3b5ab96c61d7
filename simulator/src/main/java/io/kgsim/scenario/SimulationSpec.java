package io.kgsim.scenario;

/**
 * Knobs of the simulation itself, not of Kafka (the scenario's {@code simulation:} mapping).
 *
 * @param batchIntervalUs a consumer that keeps up (fewer than {@code max.poll.records} records
 *                        waiting) takes its next batch no sooner than this after the previous
 *                        one began. A real consumer would process the trickle of records that
 *                        arrives during each batch in ever smaller batches, one event each;
 *                        this groups them. Records per second do not change; the latency of a
 *                        consumer that keeps up grows by up to this much.
 */
public record SimulationSpec(long batchIntervalUs) {
    public static final SimulationSpec DEFAULTS = new SimulationSpec(100_000);
}
