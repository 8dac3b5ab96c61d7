package io.kgsim.cli;

/**
 * A {@code kgsim} subcommand that lives in another module, found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/io.kgsim.cli.CommandPlugin} line in that module's jar). It keeps
 * heavy commands out of kgsim.jar: {@code kgsim replay} needs a whole Kafka broker, so it ships in
 * the replay module and joins the command line only when that module is on the class path.
 */
public interface CommandPlugin {
    /** The subcommand's name, e.g. {@code replay}. */
    String name();

    /** A new picocli command object ({@code @Command}-annotated) for one command-line run. */
    Object command();
}
