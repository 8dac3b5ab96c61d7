package io.kgsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging directories: never left behind by a stopped run, cleaned when a killed one left them. */
class RunOutputTest {
    @TempDir
    Path tmp;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void staleStagingOfTheSameDirectoryIsDeletedWhenItsProcessIsGone() throws IOException {
        Path gone = Files.createDirectories(tmp.resolve(".out.tmp-2147483647-123/deep"));   // no such pid
        Files.writeString(gone.resolve("trace.jsonl"), "{}\n");
        Files.createDirectories(tmp.resolve(".out.tmp-456"));                                 // an older kgsim's name, no pid
        String live = ".out.tmp-" + ProcessHandle.current().pid() + "-789";                  // a live process: maybe writing now
        Files.createDirectories(tmp.resolve(live));
        Files.createDirectories(tmp.resolve(".other.tmp-2147483647-1"));                      // another output directory's
        try (RunOutput output = new RunOutput(tmp.resolve("out"))) {
            Files.writeString(output.file("summary.json"), "{}");
            output.commit();
        }
        assertEquals(List.of(".other.tmp-2147483647-1", live, "out"), names());
    }

    @Test
    void theShutdownHookDeletesStagingStillOpen() throws IOException {
        RunOutput open = new RunOutput(tmp.resolve("killed"));
        Files.writeString(open.file("trace.jsonl"), "{}\n");
        assertEquals(1, names().size());
        assertTrue(names().get(0).startsWith(".killed.tmp-" + ProcessHandle.current().pid() + "-"), names().toString());
        RunOutput.deleteOpenStagings();
        assertEquals(List.of(), names(), "what the hook runs on SIGTERM or Ctrl-C");
        open.close();
        RunOutput committed = new RunOutput(tmp.resolve("done"));
        Files.writeString(committed.file("summary.json"), "{}");
        committed.commit();
        RunOutput.deleteOpenStagings();
        assertTrue(Files.exists(tmp.resolve("done/summary.json")), "a committed run is not the hook's");
    }

    @Test
    void checkCreatesNothingButTheParentsAndRefusesFiles() throws Exception {
        RunOutput.check(tmp.resolve("a/b/c"));
        assertTrue(Files.isDirectory(tmp.resolve("a/b")));
        try (Stream<Path> inside = Files.list(tmp.resolve("a/b"))) {
            assertEquals(0, inside.count(), "the trial staging is gone, the directory itself is not created yet");
        }
        Path file = Files.writeString(tmp.resolve("f"), "x");
        RunOutput.UnusableOutputException e = assertThrows(RunOutput.UnusableOutputException.class, () -> RunOutput.check(file));
        assertTrue(e.getMessage().endsWith("exists and is not a directory; name a directory (it is created if missing)"), e.getMessage());
        assertFalse(Files.isDirectory(file));
    }
}
