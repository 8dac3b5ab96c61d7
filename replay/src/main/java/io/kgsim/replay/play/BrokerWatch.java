package io.kgsim.replay.play;

import io.kgsim.replay.ReplayException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaFuture;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Asks the broker every few seconds whether it still answers (a describeCluster, cheap), so
 * that a broker gone mid-run ends the replay with a message instead of consumers retrying
 * quietly until the end. Never blocks: {@link #check} looks at the last answer and sends the next.
 */
final class BrokerWatch {
    private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int ANSWER_WITHIN_MS = 15_000;

    private final Admin admin;
    private final String bootstrapServers;
    private KafkaFuture<String> pending;
    private long sentNanos;

    BrokerWatch(Admin admin, String bootstrapServers) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
    }

    /** @throws ReplayException when the broker did not answer the last question in time, or answered with an error */
    void check() {
        long now = System.nanoTime();
        if (pending != null && pending.isDone()) {
            try {
                pending.get();
            } catch (ExecutionException e) {
                throw stopped(ReplayException.rootMessage(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReplayException("the real run was interrupted", e);
            }
            pending = null;
        }
        if (pending != null && now - sentNanos > TimeUnit.MILLISECONDS.toNanos(ANSWER_WITHIN_MS)) {
            throw stopped("no answer within " + ANSWER_WITHIN_MS / 1000 + " s");
        }
        if (pending == null && now - sentNanos > EVERY_NANOS) {
            sentNanos = now;
            pending = admin.describeCluster(new DescribeClusterOptions().timeoutMs(ANSWER_WITHIN_MS)).clusterId();
        }
    }

    private ReplayException stopped(String why) {
        return new ReplayException("Kafka at " + bootstrapServers + " stopped answering during the real run (" + why
            + "); every consumer was stopped");
    }
}
