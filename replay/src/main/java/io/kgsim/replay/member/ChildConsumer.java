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
 * <li>{@code create}: construct the consumer (only when started with {@link #AWAIT_START}: the
 *     JVM is started and warmed up well ahead, the consumer built shortly before its start,
 *     so start-up cost stays out of the timeline; see {@link #awaitCreate});</li>
 * <li>{@code start}: subscribe and poll (likewise only with {@link #AWAIT_START}; a start that
 *     comes before the create constructs the consumer first);</li>
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
    static final String CREATE = "create";
    static final String START = "start";
    static final String CLOSE = "close";
    static final String STALL = "stall";
    static final String SUBSCRIBE = "subscribe";
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(60);

    private final ConsumerSpec spec;
    /** Null until {@link #create}; written by the poll thread, read by the command thread for wakeup(). */
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private final PrintStream out;
    private final CountDownLatch createRequested = new CountDownLatch(1);
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
        this.lastGroup = new ConsumerGroupMetadata(spec.groupId());
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
            awaitCreate();
            started.await();
        } else {
            consumer = new KafkaConsumer<>(spec.consumerProperties());
            lastGroup = consumer.groupMetadata();
        }
        if (!closing) {
            consumer.subscribe(spec.topics(), this);
            lastGroup = consumer.groupMetadata();
            printedGeneration = lastGroup.generationId();
            printedMemberId = lastGroup.memberId();
            print(MemberEvent.Type.STARTED, List.of(), lastGroup);
            pollUntilClosed();
        }
        if (consumer != null) {
            consumer.close();   // runs onPartitionsRevoked, then leaves: LeaveGroup / heartbeat with epoch -1
            print(MemberEvent.Type.CLOSED, List.of(), lastGroup);
        }
    }

    /**
     * Waits for the create command (or a start, or a close), then constructs the measured
     * consumer. Why not at spawn time: Kafka 4.4's consumer arms its auto-commit timer when it is
     * constructed, so one built more than {@code auto.commit.interval.ms} before its subscribe
     * finds the commit already due, its first poll waits 0 ms instead of the poll timeout and
     * spins, and its first assignment callback comes 50-556 ms after subscribe instead of about
     * 200 ms as for a consumer constructed at its start (measured; the simulation models the
     * latter). The parent sends create shortly before the start (the plan's
     * {@code ConsumerCreation}), after the warm-up has loaded and compiled the client's code.
     */
    private void awaitCreate() throws InterruptedException {
        createRequested.await();   // a start that came first (a late spawn) counts as a create too
        if (!closing) {
            create();
        }
    }

    /**
     * The measured consumer, and one metadata round trip of its own (the bootstrap connection, as
     * the consumer had before its creation moved near its start); CREATED says when it was done.
     * It touches no group: its FindCoordinator (classic), connection and join stay in the
     * measurement, as a real client pays them.
     */
    private void create() {
        consumer = new KafkaConsumer<>(spec.consumerProperties());
        lastGroup = consumer.groupMetadata();
        consumer.partitionsFor(spec.topics().get(0), WARM_UP_TIMEOUT);
        print(MemberEvent.Type.CREATED, List.of(), lastGroup);
    }

    /**
     * Before READY (with a warm-up group): one whole join of a throwaway group by a consumer
     * with the same configs, alone: its metadata round trip, FindCoordinator, the
     * connection to the coordinator, the first heartbeat or JoinGroup/SyncGroup, the
     * reconciliation and onPartitionsAssigned, then close() and its leave. A cold JVM loads and
     * compiles all that code on its first join, which made the measured member's first
     * heartbeat answer come 0.1-0.8 s after its start command (1.1 s under load) instead of a
     * few ms, and made simultaneous members reach the coordinator in an order decided by
     * their JIT; a long-running application's consumer has run that code before. The measured
     * consumer does not exist yet ({@link #awaitCreate}).
     */
    private void warmUp() {
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
                    case CREATE -> createRequested.countDown();
                    case START -> {
                        createRequested.countDown();
                        started.countDown();
                    }
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
            createRequested.countDown();
            started.countDown();
            KafkaConsumer<byte[], byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
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
