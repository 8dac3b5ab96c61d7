package io.kgsim.replay.broker;

import io.kgsim.replay.ReplayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures before any broker runs: each is one message, and nothing is left behind. */
class BrokerStartFailureTest {

    @Test
    void aBadBrokerConfigFailsTheStartAndDeletesTheLogDir(@TempDir Path tmp) throws IOException {
        ReplayException e = assertThrows(ReplayException.class, () -> EmbeddedKafka.start(
            Map.of("group.consumer.session.timeout.ms", "1000"), tmp, Duration.ofSeconds(30)));
        // Kafka's own validation: 1000 is below group.consumer.min.session.timeout.ms (45000)
        assertTrue(e.getMessage().startsWith("could not start the embedded Kafka broker: "), e.getMessage());
        assertTrue(e.getMessage().contains("group.consumer.session.timeout.ms"), e.getMessage());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(0, left.count(), "the log directory was deleted");
        }
    }

    @Test
    void anUnreachableServerIsAClearErrorWithinTheTimeout() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        long start = System.nanoTime();
        ReplayException e = assertThrows(ReplayException.class,
            () -> BrokerTarget.existing("127.0.0.1:" + port, Duration.ofSeconds(2)));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().startsWith("cannot reach Kafka at 127.0.0.1:" + port + " within 2 s: "), e.getMessage());
        assertTrue(tookMs < 10_000, "gave up after " + tookMs + " ms");
    }

    @Test
    void anUnresolvableServerIsAClearError() {
        ReplayException e = assertThrows(ReplayException.class,
            () -> BrokerTarget.existing("no-such-host.invalid:9092", Duration.ofSeconds(2)));
        assertTrue(e.getMessage().startsWith("cannot connect to Kafka at no-such-host.invalid:9092: "), e.getMessage());
    }
}
