package io.kgsim.replay;

/**
 * A replay cannot go on: the broker did not start, a server is unreachable, a consumer JVM died.
 * The message is the whole story for the user (one paragraph, no stack trace needed); whoever
 * throws it has already stopped what it started.
 */
public final class ReplayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplayException(String message) {
        super(message);
    }

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The deepest message of a cause chain: Kafka wraps the telling one (ConfigException, ...) in ExecutionExceptions. */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
