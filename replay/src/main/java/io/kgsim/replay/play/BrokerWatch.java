package io.kgsim.replay.play;

import io.kgsim.replay.ReplayException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaFuture;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Asks the broker every few seconds whether it still answers (a describeCluster, cheap), so
 * that a broker gone mid-run ends the replay with a message instead of consumers retrying
 * quietly until the end. Never blocks: {@link #check} looks at the last answer and sends the next.
 */
final class BrokerWatch {
    /** How often it asks, and how long an answer may take on a loaded host before the broker counts as gone. */
    static final Duration EVERY = Duration.ofSeconds(5);
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(15);

    private final Admin admin;
    private final String bootstrapServers;
    private final long everyNanos;
    private final int answerWithinMs;
    private KafkaFuture<String> pending;
    private long sentNanos;

    BrokerWatch(Admin admin, String bootstrapServers, Duration every, Duration answerWithin) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.everyNanos = every.toNanos();
        this.answerWithinMs = (int) answerWithin.toMillis();
        this.sentNanos = System.nanoTime() - everyNanos - 1;
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
        if (pending != null && now - sentNanos > TimeUnit.MILLISECONDS.toNanos(answerWithinMs)) {
            throw stopped("no answer within " + answerWithinMs + " ms");
        }
        if (pending == null && now - sentNanos > everyNanos) {
            sentNanos = now;
            pending = admin.describeCluster(new DescribeClusterOptions().timeoutMs(answerWithinMs)).clusterId();
        }
    }

    private ReplayException stopped(String why) {
        return new ReplayException("Kafka at " + bootstrapServers + " stopped answering during the real run (" + why
            + "); every consumer was stopped");
    }
}
