package io.kgsim.replay;

import io.kgsim.replay.broker.EmbeddedKafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A JVM that starts a broker under {@code args[0]}, prints its log directory and waits to be terminated: what Ctrl-C interrupts. */
public final class BrokerUntilTerminated {
    private BrokerUntilTerminated() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafka kafka = EmbeddedKafka.start(Map.of(), Path.of(args[0]), Duration.ofSeconds(60));
        System.out.println(kafka.logDir());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
