package io.kgsim.cli;

import static io.kgsim.testing.Cli.kgsim;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.testing.Cli.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --trace full|protocol|none}, {@code --trace-gzip} and {@code --log-events}. */
class TraceModesTest {
    @TempDir
    Path tmp;
    private Path scenario;

    /** Auto-commit every 5 s, a crash past the session timeout, a restart, a graceful stop: commits and every ownership change. */
    private static final String SCENARIO = """
            name: trace-modes
            seed: 21
            duration: 60s
            topics:
              - name: t
                partitions: 6
                produce:
                  rate: 300/s
            groups:
              - group.id: g
                subscription: [t]
                consumers: 3
                config:
                  partition.assignment.strategy: range
                  session.timeout.ms: 10000
            timeline:
              - at: 12s
                crash: g/c2
              - at: 30s
                start: g/c2
              - at: 45s
                stop: g/c3
            """;

    @BeforeEach
    void write() throws IOException {
        scenario = Files.writeString(tmp.resolve("trace-modes.yaml"), SCENARIO);
    }

    private Path run(String name, String... options) {
        Path out = tmp.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("run", scenario.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        Outcome o = kgsim(args.toArray(String[]::new));
        assertEquals(0, o.code(), o.err());
        return out;
    }

    private static List<String> events(List<String> lines, Pattern field) {
        return lines.stream().map(l -> {
            Matcher m = field.matcher(l);
            assertTrue(m.find(), l);
            return m.group(1);
        }).toList();
    }

    @Test
    void protocolModeIsTheFullTraceWithoutItsCommitsAndEachModeIsDeterministic() throws IOException {
        Path full = run("full");
        Path protocol = run("protocol", "--trace", "protocol");
        List<String> fullLines = Files.readAllLines(full.resolve("trace.jsonl"));
        List<String> protocolLines = Files.readAllLines(protocol.resolve("trace.jsonl"));
        Pattern event = Pattern.compile("\"event\":\"([a-z-]+)\"");
        assertTrue(events(fullLines, event).contains("offsets-committed"), "the full trace has commits");
        assertFalse(events(protocolLines, event).contains("offsets-committed"), "protocol mode has none");
        for (String ownership : new String[] {"partitions-assigned", "partitions-revoked", "partitions-lost"}) {
            assertTrue(events(fullLines, event).contains(ownership), ownership);
        }
        assertEquals(fullLines.stream().filter(l -> !l.contains("\"event\":\"offsets-committed\"")).toList(), protocolLines,
                "protocol mode is the full trace, commits left out, every other event (ownership included) the same");
        assertArrayEquals(Files.readAllBytes(protocol.resolve("trace.jsonl")), Files.readAllBytes(run("protocol-again", "--trace", "protocol").resolve("trace.jsonl")));
        assertEquals(Files.readString(full.resolve("summary.json")), Files.readString(protocol.resolve("summary.json")), "the trace mode changes no metric");
    }

    @Test
    void gzipDecompressesToTheFullTraceBytesAndIsDeterministic() throws IOException {
        Path full = run("full");
        Path gz = run("gz", "--trace-gzip");
        assertFalse(Files.exists(gz.resolve("trace.jsonl")), "only the compressed trace");
        byte[] unzipped;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz.resolve("trace.jsonl.gz")))) {
            unzipped = in.readAllBytes();
        }
        assertArrayEquals(Files.readAllBytes(full.resolve("trace.jsonl")), unzipped);
        assertArrayEquals(Files.readAllBytes(gz.resolve("trace.jsonl.gz")), Files.readAllBytes(run("gz-again", "--trace-gzip").resolve("trace.jsonl.gz")));
        assertTrue(Files.size(gz.resolve("trace.jsonl.gz")) * 4 < unzipped.length, "compressed");
    }

    @Test
    void noneWritesNoTraceAndSaysSo() throws IOException {
        Path full = run("full");
        Path out = tmp.resolve("none");
        Outcome o = kgsim("run", scenario.toString(), "--out", out.toString(), "--trace", "none");
        assertEquals(0, o.code(), o.err());
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("trace")), "no trace file");
        }
        assertFalse(o.out().contains("trace.jsonl"), o.out());
        assertEquals(Files.readString(full.resolve("summary.json")), Files.readString(out.resolve("summary.json")));
    }

    @Test
    void theLogFilterShowsOnlyTheChosenEvents() {
        Pattern line = Pattern.compile("^\\s+\\d+\\.\\d{6}s  \\S+\\s+\\S+\\s+(?:gen \\d+)?\\s+([a-z-]+)");
        Outcome o = kgsim("run", scenario.toString(), "--out", tmp.resolve("log").toString(), "--trace", "none",
                "--log-events", "partitions-*,member-removed");
        assertEquals(0, o.code(), o.err());
        Set<String> shown = o.out().lines().map(line::matcher).filter(Matcher::find).map(m -> m.group(1)).collect(Collectors.toSet());
        assertEquals(Set.of("partitions-assigned", "partitions-revoked", "partitions-lost", "member-removed"), shown, o.out());

        Outcome all = kgsim("run", scenario.toString(), "--out", tmp.resolve("log-all").toString(), "--trace", "none", "--log");
        Set<String> allShown = all.out().lines().map(line::matcher).filter(Matcher::find).map(m -> m.group(1)).collect(Collectors.toSet());
        assertTrue(allShown.containsAll(shown) && allShown.contains("offsets-committed") && allShown.contains("joined"), "the unfiltered log has more: " + allShown);
    }

    @Test
    void badValuesAreExitTwoWithTheValidChoices() {
        Outcome mode = kgsim("run", scenario.toString(), "--out", tmp.resolve("x").toString(), "--trace", "commits");
        assertEquals(2, mode.code());
        assertTrue(mode.err().contains("'commits' is not a trace mode; choose full, protocol or none"), mode.err());
        Outcome event = kgsim("run", scenario.toString(), "--out", tmp.resolve("x").toString(), "--log-events", "partition-assigned");
        assertEquals(2, event.code());
        assertTrue(event.err().contains("--log-events: 'partition-assigned' names no event; events are: member-started,")
                && event.err().contains("partitions-assigned"), event.err());
        assertEquals("", mode.out() + event.out(), "nothing ran");
        assertFalse(Files.exists(tmp.resolve("x")));
    }
}
