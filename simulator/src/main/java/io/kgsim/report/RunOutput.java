package io.kgsim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The files of one run, written into a staging directory beside the destination and moved in
 * only when the run finished, so a failed or interrupted run never leaves half-written output.
 */
public final class RunOutput implements AutoCloseable {
    private final Path dir;
    private final Path staging;
    private boolean committed;

    public RunOutput(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.dir.getParent());
            this.staging = Files.createTempDirectory(this.dir.getParent(), "." + this.dir.getFileName() + ".tmp-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        if (!Files.exists(staging)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(staging)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    public boolean committed() {
        return committed;
    }
}
