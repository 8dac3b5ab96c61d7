package io.kgsim.replay.member;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a child consumer has said: its events (stdout, one JSON line each) in arrival order, and
 * the last lines of anything else it printed (stderr, stray stdout), for the message when it
 * dies. Two daemon threads read the streams; waiters are woken on every event and at exit.
 */
final class ChildOutput {
    private static final int TAIL_LINES = 20;

    private final List<MemberEvent> events = new ArrayList<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final List<Thread> readers = new ArrayList<>();
    private boolean exited;

    void readFrom(InputStream stdout, InputStream stderr, String name) {
        readers.add(reader(stdout, this::onStdout, name + "-stdout"));
        readers.add(reader(stderr, this::onOther, name + "-stderr"));
    }

    private static Thread reader(InputStream stream, Consumer<String> sink, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                in.lines().forEach(sink);
            } catch (IOException | UncheckedIOException e) {
                // the stream closed under us: the process is gone
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void onStdout(String line) {
        try {
            MemberEvent event = EventCodec.read(line, MemberEvent.class);
            synchronized (this) {
                events.add(event);
                notifyAll();
            }
        } catch (JsonProcessingException e) {
            onOther(line);   // e.g. a JVM warning printed on stdout
        }
    }

    private synchronized void onOther(String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }

    /** Once the process is gone: reads what is left in its pipes, then wakes every waiter. */
    void processExited(long joinMillis) {
        for (Thread reader : readers) {
            try {
                reader.join(joinMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (this) {
            exited = true;
            notifyAll();
        }
    }

    synchronized List<MemberEvent> events() {
        return List.copyOf(events);
    }

    synchronized List<String> tail() {
        return List.copyOf(tail);
    }

    /**
     * The partitions the consumer owns by its own callbacks: added by onPartitionsAssigned,
     * removed by onPartitionsRevoked and onPartitionsLost, in sorted order.
     */
    synchronized Set<MemberEvent.Partition> owned() {
        Set<MemberEvent.Partition> owned = new TreeSet<>(MemberEvent.Partition.ORDER);
        for (MemberEvent e : events) {
            switch (e.type()) {
                case ASSIGNED -> owned.addAll(e.partitions());
                case REVOKED, LOST -> e.partitions().forEach(owned::remove);
                default -> { }
            }
        }
        return Collections.unmodifiableSet(owned);
    }

    /** Waits until {@code condition} holds over this output, the process exits, or the deadline passes; says whether it holds. */
    synchronized boolean await(Predicate<ChildOutput> condition, long deadlineNanos) throws InterruptedException {
        while (!condition.test(this)) {
            long left = deadlineNanos - System.nanoTime();
            if (exited || left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
