package io.kgsim.cli;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --classpath PATHS} and {@code KGSIM_CLASSPATH}: jars and class directories holding a
 * user's assignor. {@code java -jar} ignores {@code CLASSPATH}, so kgsim loads them itself: a
 * class loader over them (kgsim's own classes as parent) becomes the thread's context class
 * loader while the command runs. Strategy names resolve through it, and Kafka creates each
 * member's assignor instances through it; {@code compare}'s worker threads inherit it.
 */
public final class UserClasspath {
    static final String ENV = "KGSIM_CLASSPATH";

    @Option(names = "--classpath", paramLabel = "PATHS",
            description = "Jars and class directories holding your assignor classes, separated by '${sys:path.separator}' "
                    + "(after those of the " + ENV + " environment variable).")
    String classpath;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** While open, the command's thread resolves and creates classes through the user's classpath too. */
    public interface Installed extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /**
     * @throws ParameterException (exit 2) when an entry does not exist
     */
    public Installed install() {
        List<Path> entries = entries(System.getenv(ENV), classpath);
        if (entries.isEmpty()) {
            return () -> { };
        }
        requireExisting(ENV, entries(System.getenv(ENV), null));
        requireExisting("--classpath", entries(null, classpath));
        List<URL> urls = new ArrayList<>();
        for (Path p : entries) {
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new ParameterException(spec.commandLine(), "--classpath: " + p + " is not a usable path");
            }
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        URLClassLoader loader = new URLClassLoader("kgsim-user-classpath", urls.toArray(URL[]::new), UserClasspath.class.getClassLoader());
        thread.setContextClassLoader(loader);
        return () -> {
            thread.setContextClassLoader(previous);
            loader.close();
        };
    }

    /**
     * The entries {@link #install} loads from ({@code KGSIM_CLASSPATH}'s, then {@code --classpath}'s):
     * what another JVM needs on its class path to load the same classes.
     */
    public List<Path> entries() {
        return entries(System.getenv(ENV), classpath);
    }

    /** What a replay command needs to find the same classes again. */
    String replayArguments() {
        return classpath == null ? "" : " --classpath " + classpath;
    }

    private void requireExisting(String origin, List<Path> entries) {
        for (Path p : entries) {
            if (!Files.exists(p)) {
                throw new ParameterException(spec.commandLine(), origin + ": " + p + " does not exist");
            }
        }
    }

    /** {@code KGSIM_CLASSPATH}'s entries, then {@code --classpath}'s, empty ones dropped. */
    static List<Path> entries(String env, String option) {
        List<Path> out = new ArrayList<>();
        for (String list : new String[] {env, option}) {
            if (list == null) {
                continue;
            }
            for (String e : list.split(File.pathSeparator)) {
                if (!e.isBlank()) {
                    out.add(Path.of(e.trim()));
                }
            }
        }
        return out;
    }
}
