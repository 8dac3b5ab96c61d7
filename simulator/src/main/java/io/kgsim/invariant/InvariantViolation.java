package io.kgsim.invariant;

/** A broken invariant in strict mode (tests): carries what a replay needs. */
public final class InvariantViolation extends RuntimeException {
    public InvariantViolation(String message) {
        super(message);
    }
}
