package io.kgsim.replay.member;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The main class of a consumer's child JVM ({@link ConsumerProcess} starts it): one
 * {@link KafkaConsumer} polling in a loop, each rebalance callback printed as a
 * {@link MemberEvent} line on stdout. Stdin carries the parent's commands, one a line:
 * <ul>
 * <li>{@code start}: subscribe and poll (only when started with {@link #AWAIT_START}: the JVM and
 *     the consumer are built ahead of time, so start-up cost stays out of the timeline);</li>
 * <li>{@code stall MS}: the poll loop stands still for MS ms, as a stuck record handler does: the
 *     thread is woken out of poll and does not call it again until then, while the client's
 *     background heartbeats go on and {@code max.poll.interval.ms} runs;</li>
 * <li>{@code subscribe T1,T2}: a new subscription;</li>
 * <li>{@code close} (or the end of stdin, when the parent is gone): close the consumer, which
 *     leaves the group, and exit.</li>
 * </ul>
 */
public final class ChildConsumer implements ConsumerRebalanceListener {
    static final String AWAIT_START = "--await-start";
    static final String START = "start";
    static final String CLOSE = "close";
    static final String STALL = "stall";
    static final String SUBSCRIBE = "subscribe";
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(60);

    private final ConsumerSpec spec;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PrintStream out;
    private final CountDownLatch started = new CountDownLatch(1);
    /** Counted down with {@link #closing}: a stall ends early on close, as the simulated member closes at once when stopped. */
    private final CountDownLatch closeRequested = new CountDownLatch(1);
    /** Commands for the poll thread, set by the command thread before it calls wakeup(). */
    private volatile boolean closing;
    private volatile long stallMs;
    private volatile List<String> newSubscription;
    /** The group metadata at the last event: what CLOSED reports, as groupMetadata() throws once closed. */
    private ConsumerGroupMetadata lastGroup;
    /** The generation and member id of the last EPOCH line (or of STARTED). */
    private int printedGeneration;
    private String printedMemberId;

    private ChildConsumer(ConsumerSpec spec, PrintStream out) {
        this.spec = spec;
        this.out = out;
        this.consumer = new KafkaConsumer<>(spec.consumerProperties());
        this.lastGroup = consumer.groupMetadata();
    }

    /**
     * Arguments: the {@link ConsumerSpec} as one JSON string, then optionally {@link #AWAIT_START}.
     * Exit code 0 after a close, 1 after a failure.
     */
    public static void main(String[] args) throws IOException {
        ConsumerSpec spec = EventCodec.read(args[0], ConsumerSpec.class);
        boolean awaitStart = args.length > 1 && args[1].equals(AWAIT_START);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try {
            new ChildConsumer(spec, out).run(awaitStart);
        } catch (RuntimeException e) {
            out.println(EventCodec.write(new MemberEvent(MemberEvent.Type.FAILED, System.nanoTime(), spec.name(),
                "", -1, List.of(), e.toString())));
            System.exit(1);
        } catch (InterruptedException e) {
            System.exit(1);
        }
    }

    private void run(boolean awaitStart) throws InterruptedException {
        Thread commands = new Thread(this::readCommands, "parent-commands");
        commands.setDaemon(true);
        commands.start();
        if (awaitStart) {
            warmUp();
            print(MemberEvent.Type.READY, List.of(), lastGroup);
            started.await();
        }
        if (!closing) {
            consumer.subscribe(spec.topics(), this);
            lastGroup = consumer.groupMetadata();
            printedGeneration = lastGroup.generationId();
            printedMemberId = lastGroup.memberId();
            print(MemberEvent.Type.STARTED, List.of(), lastGroup);
            pollUntilClosed();
        }
        consumer.close();   // runs onPartitionsRevoked, then leaves: LeaveGroup / heartbeat with epoch -1
        print(MemberEvent.Type.CLOSED, List.of(), lastGroup);
    }

    /**
     * Before READY: one metadata round trip, then (with a warm-up group) one whole join of a
     * throwaway group by a second consumer with the same configs, alone: FindCoordinator, the
     * connection to the coordinator, the first heartbeat or JoinGroup/SyncGroup, the
     * reconciliation and onPartitionsAssigned, then close() and its leave. A cold JVM loads and
     * compiles all that code on its first join, which made the measured member's first
     * heartbeat answer come 0.1-0.8 s after its start command (1.1 s under load) instead of a
     * few ms, and made simultaneous members reach the coordinator in an order decided by
     * their JIT; a long-running application's consumer has run that code before. The measured
     * consumer itself touches no group: its own first FindCoordinator (classic), connection and
     * join stay in the measurement, as a real client pays them.
     */
    private void warmUp() {
        consumer.partitionsFor(spec.topics().get(0), WARM_UP_TIMEOUT);
        if (spec.warmUpGroupId() == null) {
            return;
        }
        try (KafkaConsumer<byte[], byte[]> throwaway = new KafkaConsumer<>(spec.warmUpProperties())) {
            CountDownLatch assigned = new CountDownLatch(1);
            throwaway.subscribe(spec.topics(), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assigned.countDown();
                }
            });
            long deadline = System.nanoTime() + WARM_UP_TIMEOUT.toNanos();
            while (assigned.getCount() > 0 && !closing) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the warm-up group " + spec.warmUpGroupId() + " did not assign within "
                        + WARM_UP_TIMEOUT.toSeconds() + " s");
                }
                throwaway.poll(POLL_TIMEOUT);
            }
        }
    }

    private void pollUntilClosed() throws InterruptedException {
        while (!closing) {
            try {
                consumer.poll(POLL_TIMEOUT);   // records are ignored: replay is about ownership
                noteEpoch();
            } catch (WakeupException e) {
                // a command: handled below, on this thread, since the consumer is not thread-safe
            }
            long stall = stallMs;
            if (stall > 0) {
                stallMs = 0;
                closeRequested.await(stall, TimeUnit.MILLISECONDS);
            }
            List<String> topics = newSubscription;
            if (topics != null) {
                newSubscription = null;
                consumer.subscribe(topics, this);
            }
        }
    }

    private void readCommands() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] words = line.strip().split(" ", 2);
                switch (words[0]) {
                    case START -> started.countDown();
                    case STALL -> command(() -> stallMs = Long.parseLong(words[1]));
                    case SUBSCRIBE -> command(() -> newSubscription = List.copyOf(Arrays.asList(words[1].split(","))));
                    case CLOSE -> {
                        return;
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            // the parent is gone: close as on EOF
        } finally {
            closing = true;
            closeRequested.countDown();
            started.countDown();
            consumer.wakeup();
        }
    }

    private void command(Runnable set) {
        set.run();
        consumer.wakeup();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        emit(MemberEvent.Type.ASSIGNED, partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        emit(MemberEvent.Type.REVOKED, partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        emit(MemberEvent.Type.LOST, partitions);
    }

    /** Called on the poll thread only (callbacks run inside poll and close), so lines never interleave. */
    private void emit(MemberEvent.Type type, Collection<TopicPartition> partitions) {
        noteEpoch();
        print(type, partitions, lastGroup);
    }

    /**
     * An EPOCH line when the generation (member epoch) or the member id moved since the last one.
     * A member without a generation (-1: it was fenced or left, and rejoins) prints nothing: the
     * line counts the generations it had, not the gaps between them.
     */
    private void noteEpoch() {
        lastGroup = consumer.groupMetadata();
        int generation = lastGroup.generationId();
        if (generation >= 0 && (generation != printedGeneration || !lastGroup.memberId().equals(printedMemberId))) {
            printedGeneration = generation;
            printedMemberId = lastGroup.memberId();
            print(MemberEvent.Type.EPOCH, List.of(), lastGroup);
        }
    }

    private void print(MemberEvent.Type type, Collection<TopicPartition> partitions, ConsumerGroupMetadata group) {
        out.println(EventCodec.write(new MemberEvent(type, System.nanoTime(), spec.name(), group.memberId(),
            group.generationId(), MemberEvent.partitions(partitions), null)));
    }
}
