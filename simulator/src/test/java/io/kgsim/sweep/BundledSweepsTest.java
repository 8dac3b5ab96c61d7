package io.kgsim.sweep;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The example sweeps under {@code scenarios/sweeps/} load, say what they answer, and stay small enough to run in seconds. */
class BundledSweepsTest {
    static List<Path> bundledSweeps() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("../scenarios/sweeps"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 2, "the bundled sweeps are found: " + files);
        return files;
    }

    @ParameterizedTest
    @MethodSource("bundledSweeps")
    void everyBundledSweepLoadsAndIsSmall(Path file) throws Exception {
        assertTrue(Files.readString(file).startsWith("# "), file + " starts with a header comment saying what it answers");
        SweepPlan plan = SweepLoader.load(file, null, null, null);
        assertTrue(plan.points().size() > 1, file + " varies something");
        assertTrue(plan.runs() <= 200, file + " stays a quick example: " + plan.runs() + " runs");
    }
}
