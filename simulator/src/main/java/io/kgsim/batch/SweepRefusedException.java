package io.kgsim.batch;

/**
 * A sweep that must not start in the directory it was given: an interrupted sweep is there
 * (without {@code --resume}), or the journal there is another sweep's. The message is one
 * paragraph fit for the user; nothing has run and nothing was written.
 */
public final class SweepRefusedException extends Exception {
    public SweepRefusedException(String message) {
        super(message);
    }
}
