package io.kgsim.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kgsim.report.SweepCellsCsv;
import io.kgsim.report.SweepRunsCsv;
import io.kgsim.report.Versions;
import io.kgsim.sweep.PointStatistics;
import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What makes a sweep resumable, in {@code DIR/.kgsim-sweep/}: {@code sweep.json} (which sweep:
 * the identity of its source, its name, its size, the kgsim version), {@code journal.jsonl}
 * (every finished run, one {@link JournalLine} each, in the order they finished, flushed as each
 * arrives), {@code runs.csv} and {@code cells.csv} as far as the points are final, and
 * {@code final.json} (how many points are final and how long each CSV was then, replaced
 * atomically after each point). A process killed at any moment leaves at worst a torn last
 * journal line (ignored on resume) and CSV rows past the last final point (cut off on resume).
 * The directory is deleted once the outputs are committed.
 */
final class SweepJournal implements Closeable {
    static final String DIRECTORY = ".kgsim-sweep";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SWEEP = "sweep.json";
    private static final String JOURNAL = "journal.jsonl";
    private static final String RUNS = "runs.csv";
    private static final String CELLS = "cells.csv";
    private static final String FINAL = "final.json";

    private final SweepPlan plan;
    private final Path home;
    private final int finalPoints;
    private final boolean resumed;
    private final BufferedWriter journal;
    private final BufferedWriter runs;
    private final BufferedWriter cells;

    private SweepJournal(SweepPlan plan, Path home, int finalPoints, boolean resumed) throws IOException {
        this.plan = plan;
        this.home = home;
        this.finalPoints = finalPoints;
        this.resumed = resumed;
        this.journal = append(home.resolve(JOURNAL));
        this.runs = append(home.resolve(RUNS));
        this.cells = append(home.resolve(CELLS));
    }

    private static BufferedWriter append(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /**
     * The journal of {@code plan} in {@code dir}: the interrupted sweep's with {@code resume},
     * else a new one.
     *
     * @throws SweepRefusedException when {@code dir} holds an interrupted sweep and {@code resume}
     *     is false, or holds another sweep's journal
     */
    static SweepJournal open(SweepPlan plan, Path dir, boolean resume) throws SweepRefusedException, IOException {
        Path home = dir.resolve(DIRECTORY);
        if (!Files.isDirectory(home)) {
            create(plan, home);
            return new SweepJournal(plan, home, 0, false);
        }
        JsonNode sweep = readSweep(home, dir);
        long done = linesIn(home.resolve(JOURNAL));
        String held = "an interrupted sweep ('" + sweep.path("name").asText() + "', " + done + " of " + sweep.path("runs").asLong() + " runs done)";
        if (!resume) {
            throw new SweepRefusedException(dir + " holds " + held + ": add --resume to go on where it stopped (finished runs are "
                    + "kept, not run again), or pick another --out.");
        }
        if (!sweep.path("identity").asText().equals(identity(plan))) {
            throw new SweepRefusedException("--resume: " + dir + " holds " + held + " of another sweep than this one: the sweep file, "
                    + "the scenario, --seeds or --strategies differ from when it started, and resuming would mix the runs of two "
                    + "sweeps in one runs.csv. Run this sweep into another --out, or delete " + dir.resolve(DIRECTORY)
                    + " to start it over there.");
        }
        if (!sweep.path("kgsim").asText().equals(Versions.kgsim())) {
            throw new SweepRefusedException("--resume: " + dir + " holds " + held + " started by kgsim " + sweep.path("kgsim").asText()
                    + "; this is kgsim " + Versions.kgsim() + ", whose runs may give other figures. Finish it with the kgsim that "
                    + "started it, or run it into another --out.");
        }
        cutTornLine(home.resolve(JOURNAL));
        JsonNode fin = JSON.readTree(home.resolve(FINAL).toFile());
        truncate(home.resolve(RUNS), fin.path("runsBytes").asLong());
        truncate(home.resolve(CELLS), fin.path("cellsBytes").asLong());
        return new SweepJournal(plan, home, fin.path("points").asInt(), true);
    }

    /** A new journal, made beside {@code home} and renamed into place, so there is never half a journal. */
    private static void create(SweepPlan plan, Path home) throws IOException {
        Path fresh = home.resolveSibling(DIRECTORY + ".new");
        deleteTree(fresh);
        Files.createDirectories(fresh);
        ObjectNode sweep = JSON.createObjectNode();
        sweep.put("identity", identity(plan));
        sweep.put("name", plan.name());
        sweep.put("runs", plan.runs());
        sweep.put("kgsim", Versions.kgsim());
        JSON.writerWithDefaultPrettyPrinter().writeValue(fresh.resolve(SWEEP).toFile(), sweep);
        Files.createFile(fresh.resolve(JOURNAL));
        try (BufferedWriter w = Files.newBufferedWriter(fresh.resolve(RUNS), StandardCharsets.UTF_8)) {
            SweepRunsCsv.writeHeader(plan, w);
        }
        try (BufferedWriter w = Files.newBufferedWriter(fresh.resolve(CELLS), StandardCharsets.UTF_8)) {
            SweepCellsCsv.writeHeader(plan, w);
        }
        writeFinal(fresh, 0);
        Files.move(fresh, home, StandardCopyOption.ATOMIC_MOVE);
    }

    private static JsonNode readSweep(Path home, Path dir) throws SweepRefusedException {
        try {
            JsonNode sweep = JSON.readTree(home.resolve(SWEEP).toFile());
            if (sweep == null || !sweep.path("identity").isTextual() || !Files.isRegularFile(home.resolve(FINAL))) {
                throw new IOException("incomplete");
            }
            return sweep;
        } catch (IOException e) {
            throw new SweepRefusedException(home + " is not a sweep journal kgsim can read (" + e.getMessage() + "): delete it to run a "
                    + "sweep into " + dir + ", or pick another --out.");
        }
    }

    /**
     * Identifies a sweep by what decides its runs: the sweep and scenario texts and the command
     * line's seeds and strategies (not the files' names: a moved file is the same sweep; not
     * the metric, which only picks what the charts show).
     */
    static String identity(SweepPlan plan) {
        try {
            List<Object> parts = java.util.Arrays.asList(plan.source().sweepText(), plan.source().scenarioText(), plan.source().seeds(),
                    plan.source().strategies());
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(parts));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Complete lines: a torn last one does not count. */
    private static long linesIn(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    lines += buffer[i] == '\n' ? 1 : 0;
                }
            }
        }
        return lines;
    }

    /** A line cut short by a kill (no line end) is dropped, so the next line starts on a line of its own. */
    private static void cutTornLine(Path file) throws IOException {
        long size = Files.size(file);
        long keep = 0;
        long position = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        keep = position + i + 1;
                    }
                }
                position += n;
            }
        }
        if (keep < size) {
            truncate(file, keep);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.truncate(size);
        }
    }

    /** Whether a previous process's journal was taken up. */
    boolean resumed() {
        return resumed;
    }

    /** How many points' rows were already in the CSVs when the journal was opened. */
    int finalPoints() {
        return finalPoints;
    }

    /**
     * Hands every run the journal holds to {@code sink}, in the order they finished.
     *
     * @throws SweepRefusedException when a line is not a run of this sweep (the journal was damaged)
     */
    void replay(OutcomeSink sink) throws IOException, SweepRefusedException {
        try (BufferedReader in = Files.newBufferedReader(home.resolve(JOURNAL), StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                RunOutcome o;
                try {
                    o = JournalLine.read(line, plan);
                } catch (IllegalArgumentException e) {
                    throw new SweepRefusedException(home.resolve(JOURNAL) + ":" + number + ": " + e.getMessage() + "; the journal was damaged: "
                            + "delete " + home + " to run the sweep over, or pick another --out.");
                }
                sink.accept(o);
            }
        }
    }

    /** Receives outcomes; may fail writing. */
    interface OutcomeSink {
        void accept(RunOutcome o) throws IOException;
    }

    /** Appends a finished run, flushed at once: a run in the journal is never run again. */
    void record(RunOutcome o) throws IOException {
        journal.write(JournalLine.write(o));
        journal.write('\n');
        journal.flush();
    }

    /** Appends point {@code point}'s rows to both CSVs, then marks it final. */
    void appendPoint(List<SweepRunsCsv.Row> rows, PointStatistics stats) throws IOException {
        SweepRunsCsv.writeRows(plan, rows, runs);
        SweepCellsCsv.writePoint(plan, stats, cells);
        runs.flush();
        cells.flush();
        writeFinal(home, stats.point().index() + 1);
    }

    private static void writeFinal(Path home, int points) throws IOException {
        ObjectNode fin = JSON.createObjectNode();
        fin.put("points", points);
        fin.put("runsBytes", Files.size(home.resolve(RUNS)));
        fin.put("cellsBytes", Files.size(home.resolve(CELLS)));
        Path next = home.resolve(FINAL + ".next");
        JSON.writeValue(next.toFile(), fin);
        Files.move(next, home.resolve(FINAL), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Copies the complete runs.csv and cells.csv into {@code staging} (the journal keeps its own until deleted). */
    void copyOutputs(Path staging) throws IOException {
        close();
        Files.copy(home.resolve(RUNS), staging.resolve(RUNS), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(home.resolve(CELLS), staging.resolve(CELLS), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes the journal: the sweep's outputs are committed. */
    void delete() throws IOException {
        close();
        deleteTree(home);
    }

    @Override
    public void close() throws IOException {
        journal.close();
        runs.close();
        cells.close();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
