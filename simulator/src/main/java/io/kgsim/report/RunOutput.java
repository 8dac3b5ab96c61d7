package io.kgsim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The files of one run, written into a staging directory beside the destination and moved in
 * only when the run finished, so a failed or interrupted run never leaves half-written output.
 *
 * <p>A staging directory is named {@code .<dir>.tmp-<pid>-<random>}. A shutdown hook deletes
 * the staging directories still open when the JVM is stopped (Ctrl-C, SIGTERM); a run killed
 * harder than that (SIGKILL, power loss) leaves its staging behind, and the next run into the
 * same directory deletes it, once the process named in it is gone.
 */
public final class RunOutput implements AutoCloseable {
    /** Staging directories not yet committed or closed, deleted by the shutdown hook. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Thread hook = new Thread(RunOutput::deleteOpenStagings, "kgsim-staging-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private final Path dir;
    private final Path staging;
    private boolean committed;

    public RunOutput(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.dir.getParent());
            deleteStaleStagings(this.dir);
            this.staging = Files.createTempDirectory(this.dir.getParent(), stagingPrefix(this.dir) + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OPEN.add(staging);
    }

    /**
     * Checks, before anything is simulated, that a run can write {@code dir}: creates its parent
     * directories and a staging directory, then removes the staging again.
     *
     * @throws UnusableOutputException with a sentence fit for the user
     */
    public static void check(Path dir) throws UnusableOutputException {
        Path abs = dir.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw new UnusableOutputException(dir + " is a file system root; name a directory inside it");
        }
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new UnusableOutputException(dir + " exists and is not a directory; name a directory (it is created if missing)");
        }
        if (Files.isDirectory(abs) && !Files.isWritable(abs)) {
            throw new UnusableOutputException(dir + " is not writable");
        }
        try {
            new RunOutput(abs).close();
        } catch (UncheckedIOException | IOException e) {
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new UnusableOutputException("cannot write into " + dir + ": " + reason(cause));
        }
    }

    /** What went wrong, in words: the directory named, not the hidden staging one. */
    private static String reason(IOException e) {
        if (!(e instanceof FileSystemException fs) || fs.getFile() == null) {
            return String.valueOf(e.getMessage());
        }
        Path file = Path.of(fs.getFile());
        boolean staging = file.getFileName() != null && file.getFileName().toString().contains(".tmp-");
        Path where = staging ? file.getParent() : file;
        if (e instanceof FileAlreadyExistsException) {
            return where + " is a file, not a directory";
        }
        String why = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "no such file or directory"
                : fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
        return (staging ? "cannot create a directory in " : "cannot create ") + where + " (" + why + ")";
    }

    /** A user's output directory that cannot be written. */
    public static final class UnusableOutputException extends Exception {
        public UnusableOutputException(String message) {
            super(message);
        }
    }

    private static String stagingPrefix(Path dir) {
        return "." + dir.getFileName() + ".tmp-";
    }

    /**
     * Deletes staging directories of {@code dir} that a killed run left behind: those whose
     * process is gone (a live one may be another kgsim writing the same directory right now).
     */
    static void deleteStaleStagings(Path dir) throws IOException {
        String prefix = stagingPrefix(dir);
        List<Path> stale;
        try (Stream<Path> siblings = Files.list(dir.getParent())) {
            stale = siblings.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p))
                    .filter(p -> !OPEN.contains(p) && !ownerAlive(p.getFileName().toString().substring(prefix.length())))
                    .sorted().toList();
        }
        for (Path p : stale) {
            deleteTree(p);
        }
    }

    /** {@code rest} is {@code <pid>-<random>}; a name without a pid comes from an older kgsim, whose run is over. */
    private static boolean ownerAlive(String rest) {
        int dash = rest.indexOf('-');
        if (dash < 0) {
            // An older kgsim's name: its number is random, not a pid that might be alive now.
            return false;
        }
        try {
            long pid = Long.parseLong(rest.substring(0, dash));
            Optional<ProcessHandle> owner = ProcessHandle.of(pid);
            return owner.isPresent() && owner.get().isAlive();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The shutdown hook: best effort, as the run's threads may still be writing. */
    static void deleteOpenStagings() {
        for (Path p : List.copyOf(OPEN)) {
            try {
                deleteTree(p);
                OPEN.remove(p);
            } catch (IOException | UncheckedIOException e) {
                // A file created while we walked: one more pass, then give up (the next run cleans it).
                try {
                    deleteTree(p);
                } catch (IOException | UncheckedIOException ignored) {
                    // nothing more to do while the JVM shuts down
                }
            }
        }
    }

    /** Where to write {@code name} before {@link #commit()}. */
    public Path file(String name) {
        return staging.resolve(name);
    }

    public Path dir() {
        return dir;
    }

    /** Moves every staged file into the destination, replacing files of a previous run. */
    public void commit() throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(staging)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                Files.move(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        committed = true;
        close();
    }

    @Override
    public void close() throws IOException {
        deleteTree(staging);
        OPEN.remove(staging);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    public boolean committed() {
        return committed;
    }
}
