package io.kgsim.cli;

/** What a kgsim process's exit code means. */
public final class ExitCodes {
    public static final int OK = 0;
    /** A bug in kgsim itself: please report it with the seed. */
    public static final int INTERNAL_ERROR = 1;
    /** Bad input: the scenario or the command line; nothing was written. */
    public static final int BAD_INPUT = 2;
    /** The simulation stopped on an error; the message gives seed and virtual time. */
    public static final int SIMULATION_FAILED = 3;
    /** The run finished and wrote its output, but invariants were violated (see summary.json). */
    public static final int INVARIANT_VIOLATED = 4;
    /**
     * The run finished and wrote summary.json, trace.jsonl and the CSVs, but a chart or
     * report.html could not be rendered; the message names it. A kgsim bug: please report it.
     */
    public static final int OUTPUT_FAILED = 5;
    /**
     * {@code replay}: the real side could not be played to its end (the broker did not start or
     * answer, a consumer JVM died); everything it started was stopped and nothing was written.
     */
    public static final int REPLAY_FAILED = 6;

    private ExitCodes() {
    }
}
