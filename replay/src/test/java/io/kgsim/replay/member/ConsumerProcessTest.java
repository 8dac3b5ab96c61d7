package io.kgsim.replay.member;

import io.kgsim.replay.ReplayException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The child-JVM controls without a broker: the consumer points at a closed port, so it runs
 * (constructs, subscribes, polls) but never joins. What is checked is the process: signals reach
 * it, close ends it gracefully, a failure is reported with its cause.
 */
class ConsumerProcessTest {
    private static final Duration START = Duration.ofSeconds(60);

    @AfterAll
    static void noChildLeft() {
        assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count(),
            "a consumer JVM outlived its test");
    }

    @Test
    void pauseFreezesTheJvmAndCloseEndsItGracefully() throws Exception {
        ConsumerProcess consumer = ConsumerProcess.start(spec("c1", Map.of("enable.auto.commit", "false")));
        try {
            MemberEvent started = consumer.awaitEvent(e -> e.type() == MemberEvent.Type.STARTED, START);
            assertEquals("c1", started.member());

            consumer.pause();
            assertTrue(awaitState(consumer.pid(), state -> state == 'T'), "SIGSTOP leaves the JVM stopped");
            consumer.resume();
            assertTrue(awaitState(consumer.pid(), state -> state != 'T'), "SIGCONT lets it run again");

            consumer.pause();   // close resumes a paused child first
            consumer.close(Duration.ofSeconds(30));
        } finally {
            consumer.kill();
        }
        assertFalse(consumer.isAlive());
        List<MemberEvent> events = consumer.events();
        assertEquals(MemberEvent.Type.CLOSED, events.get(events.size() - 1).type(), events.toString());
        assertTrue(consumer.unexpectedExit().isEmpty());
    }

    @Test
    void aStalledPollLoopStillClosesAtOnce() {
        ConsumerProcess consumer = ConsumerProcess.start(spec("c4", Map.of()));
        try {
            consumer.awaitEvent(e -> e.type() == MemberEvent.Type.STARTED, START);
            consumer.stall(Duration.ofSeconds(120));
            long before = System.nanoTime();
            consumer.close(Duration.ofSeconds(60));
            long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            // the stop of a stuck handler does not wait for the handler: the simulated member closes at once too
            assertTrue(closeMs < 30_000, "closed after " + closeMs + " ms");
        } finally {
            consumer.kill();
        }
        List<MemberEvent> events = consumer.events();
        assertEquals(MemberEvent.Type.CLOSED, events.get(events.size() - 1).type(), events.toString());
    }

    @Test
    void killEndsTheJvmAtOnceWithoutClosing() {
        ConsumerProcess consumer = ConsumerProcess.start(spec("c2", Map.of()));
        consumer.awaitEvent(e -> e.type() == MemberEvent.Type.STARTED, START);
        consumer.kill();
        assertFalse(consumer.isAlive());
        assertTrue(consumer.events().stream().noneMatch(e -> e.type() == MemberEvent.Type.CLOSED));
        assertTrue(consumer.unexpectedExit().isEmpty(), "a kill we sent is not unexpected");
    }

    @Test
    void aConsumerThatFailsIsReportedWithItsCause() {
        ConsumerProcess consumer = ConsumerProcess.start(spec("c3", Map.of("session.timeout.ms", "soon")));
        ReplayException e = assertThrows(ReplayException.class,
            () -> consumer.awaitEvent(ev -> ev.type() == MemberEvent.Type.STARTED, START));
        assertTrue(e.getMessage().startsWith("consumer c3 (pid " + consumer.pid() + ") exited unexpectedly with code 1: "), e.getMessage());
        assertTrue(e.getMessage().contains("session.timeout.ms"), e.getMessage());
        assertFalse(consumer.isAlive());
    }

    private static ConsumerSpec spec(String name, Map<String, String> configs) {
        return new ConsumerSpec(name, "127.0.0.1:" + closedPort(), "g", List.of("t"), configs);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Waits up to 5 s for the state letter of /proc/PID/stat (after the parenthesised command
     * name; T = stopped) to match: a signal is delivered asynchronously, after kill returns.
     */
    private static boolean awaitState(long pid, IntPredicate match) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            if (match.test(stat.charAt(stat.lastIndexOf(')') + 2))) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
    }
}
