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
import java.util.Collection;
import java.util.List;

/**
 * The main class of a consumer's child JVM ({@link ConsumerProcess} starts it): one
 * {@link KafkaConsumer} polling in a loop, each rebalance callback printed as a
 * {@link MemberEvent} line on stdout. Stdin carries the parent's commands: `close` (or the end of
 * stdin, when the parent is gone) closes the consumer, which leaves the group, and exits.
 */
public final class ChildConsumer implements ConsumerRebalanceListener {
    static final String CLOSE = "close";
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final ConsumerSpec spec;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PrintStream out;
    /** The group metadata at the last event: what CLOSED reports, as groupMetadata() throws once closed. */
    private ConsumerGroupMetadata lastGroup;

    private ChildConsumer(ConsumerSpec spec, PrintStream out) {
        this.spec = spec;
        this.out = out;
        this.consumer = new KafkaConsumer<>(spec.consumerProperties());
    }

    /** Argument: the {@link ConsumerSpec} as one JSON string. Exit code 0 after a close, 1 after a failure. */
    public static void main(String[] args) throws IOException {
        ConsumerSpec spec = EventCodec.read(args[0], ConsumerSpec.class);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try {
            new ChildConsumer(spec, out).run();
        } catch (RuntimeException e) {
            out.println(EventCodec.write(new MemberEvent(MemberEvent.Type.FAILED, System.nanoTime(), spec.name(),
                "", -1, List.of(), e.toString())));
            System.exit(1);
        }
    }

    private void run() {
        Thread commands = new Thread(this::readCommands, "parent-commands");
        commands.setDaemon(true);
        commands.start();
        consumer.subscribe(spec.topics(), this);
        emit(MemberEvent.Type.STARTED, List.of());
        try {
            while (true) {
                consumer.poll(POLL_TIMEOUT);   // records are ignored: replay is about ownership
            }
        } catch (WakeupException e) {
            // the close command: the one thing that calls wakeup(), consumed by this throw, so
            // close() below cannot be interrupted by it
        }
        consumer.close();   // runs onPartitionsRevoked, then leaves: LeaveGroup / heartbeat with epoch -1
        print(MemberEvent.Type.CLOSED, List.of(), lastGroup);
    }

    private void readCommands() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && !line.strip().equals(CLOSE)) {
                // no other command yet
            }
        } catch (IOException e) {
            // the parent is gone: close as on EOF
        }
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
        lastGroup = consumer.groupMetadata();
        print(type, partitions, lastGroup);
    }

    private void print(MemberEvent.Type type, Collection<TopicPartition> partitions, ConsumerGroupMetadata group) {
        out.println(EventCodec.write(new MemberEvent(type, System.nanoTime(), spec.name(), group.memberId(),
            group.generationId(), MemberEvent.partitions(partitions), null)));
    }
}
