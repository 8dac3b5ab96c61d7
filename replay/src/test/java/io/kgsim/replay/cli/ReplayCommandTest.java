package io.kgsim.replay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kgsim.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kgsim replay} on the command line: bad input is one paragraph and exit 2 before anything
 * starts, a broker that cannot be reached is exit 6, and neither leaves an output directory.
 */
class ReplayCommandTest {
    @TempDir
    Path tmp;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome kgsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private Path scenario(String timeline) throws IOException {
        return Files.writeString(tmp.resolve("s.yaml"), """
                name: s
                duration: 10s
                topics:
                  - {name: t, partitions: 2}
                groups:
                  - group.id: g
                    subscription: [t]
                    consumers: 2
                """ + timeline);
    }

    private void badInput(Outcome o, String expected) {
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().startsWith("kgsim: ") && o.err().contains(expected), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
        assertEquals("", o.out(), "nothing ran");
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void theModuleAddsReplayToKgsim() {
        Outcome help = kgsim("replay", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--bootstrap-server=HOST:PORT"), help.out());
        assertTrue(help.out().contains("--classpath=PATHS"), help.out());
    }

    @Test
    void aScenarioMistakeIsLocatedAndNothingStarts() throws IOException {
        Path s = scenario("timeline:\n  - {at: 2s, crsh: g/c1}\n");
        badInput(kgsim("replay", s.toString(), "--out", tmp.resolve("out").toString()), "s.yaml:10:");
    }

    @Test
    void anActionARealRunCannotDoIsRefusedWithItsPlace() throws IOException {
        Path s = scenario("timeline:\n  - {at: 2s, cut-network: {member: g/c1, for: 3s}}\n");
        badInput(kgsim("replay", s.toString(), "--out", tmp.resolve("out").toString()), "s.yaml:10:");
    }

    @Test
    void aMalformedBootstrapServerIsBadInput() throws IOException {
        badInput(kgsim("replay", scenario("").toString(), "--bootstrap-server", "localhost", "--out", tmp.resolve("out").toString()),
                "--bootstrap-server: expected HOST:PORT");
        badInput(kgsim("replay", scenario("").toString(), "--broker-timeout", "0", "--out", tmp.resolve("out").toString()),
                "--broker-timeout");
    }

    @Test
    void anUnreachableClusterEndsTheReplayWithExitSixAndNothingWritten() throws IOException {
        Outcome o = kgsim("replay", scenario("").toString(), "--bootstrap-server", "127.0.0.1:1", "--broker-timeout", "3",
                "--out", tmp.resolve("out").toString());
        assertEquals(6, o.code(), o.err());
        assertTrue(o.err().contains("127.0.0.1:1"), o.err());
        assertTrue(o.err().contains("nothing was written"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }
}
