package io.kgsim.replay.play;

import io.kgsim.replay.ReplayException;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broker that does not answer ends the run with a message; no broker is needed to show it. */
class BrokerWatchTest {
    @Test
    void aBrokerThatDoesNotAnswerEndsTheRun() throws Exception {
        String bootstrap = "127.0.0.1:" + closedPort();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            BrokerWatch watch = new BrokerWatch(admin, bootstrap, Duration.ZERO, Duration.ofMillis(500));
            watch.check();   // asks; nothing is known yet
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            ReplayException e = assertThrows(ReplayException.class, () -> {
                while (System.nanoTime() < deadline) {
                    watch.check();
                    Thread.sleep(50);
                }
            });
            assertTrue(e.getMessage().startsWith("Kafka at " + bootstrap + " stopped answering during the real run ("), e.getMessage());
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
