package io.kgsim.engine;

/** A run that failed: carries the seed and virtual time so {@code --seed} replays it. */
public final class SimulationException extends RuntimeException {
    private final long seed;
    private final long timeUs;

    public SimulationException(long seed, long timeUs, Throwable cause) {
        super("simulation failed at t=" + Durations.format(timeUs) + " (seed " + seed + "): " + cause.getMessage(), cause);
        this.seed = seed;
        this.timeUs = timeUs;
    }

    public long seed() {
        return seed;
    }

    public long timeUs() {
        return timeUs;
    }
}
