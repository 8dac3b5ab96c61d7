package io.kgsim.replay.member;

import io.kgsim.replay.ReplayException;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One consumer in a child JVM of its own ({@link ChildConsumer}), so that a crash is a real
 * SIGKILL ({@link #kill}: no LeaveGroup, the coordinator learns it only when the session times
 * out) and a GC pause a real SIGSTOP/SIGCONT ({@link #pause}, {@link #resume}: every thread
 * frozen, heartbeats included). {@link #close} is the graceful stop: `KafkaConsumer.close()`.
 * A shutdown hook kills the child if this JVM exits first, and the child closes itself when its
 * stdin ends, so no consumer outlives the replay.
 */
public final class ConsumerProcess implements AutoCloseable {
    /** Small heap, serial GC and C1 only: a consumer needs little, and JVM start-up dominates on a loaded host. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms16m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final long EXIT_WAIT_SECONDS = 10;
    /** The package of the errors a broker answers with ({@code ApiException}s). */
    private static final String KAFKA_ERRORS = "org.apache.kafka.common.errors.";
    /** The broker does not know the assignor the consumer asks for: its configuration, not the protocol's outcome. */
    private static final String UNSUPPORTED_ASSIGNOR = KAFKA_ERRORS + "UnsupportedAssignorException";

    private final ConsumerSpec spec;
    private final Process process;
    private final ChildOutput output = new ChildOutput();
    private final Thread shutdownHook;
    private volatile boolean stoppedByUs;
    /** SIGSTOPped and not yet resumed: close resumes it first (a frozen JVM cannot read its stdin). */
    private volatile boolean paused;

    private ConsumerProcess(ConsumerSpec spec, Process process) {
        this.spec = spec;
        this.process = process;
        this.shutdownHook = new Thread(process::destroyForcibly, "kgsim-consumer-" + spec.name() + "-shutdown");
    }

    /** Starts `java -cp classpath ChildConsumer spec`; returns at once (the consumer's STARTED event comes later). */
    public static ConsumerProcess start(ConsumerSpec spec, String classpath) {
        return launch(spec, classpath, false);
    }

    /**
     * Starts the JVM and has it warm up, then wait for {@link #create} and {@link #begin}: the
     * JVM's start-up and class loading happen before, not inside, the timeline. Its READY event
     * says it is waiting.
     */
    public static ConsumerProcess spawn(ConsumerSpec spec) {
        return spawn(spec, List.of());
    }

    /**
     * {@link #spawn(ConsumerSpec)} with {@code userClasspath} (the user's {@code --classpath}
     * entries) after this JVM's own class path: a classic consumer runs its assignor itself, so
     * the class {@code partition.assignment.strategy} names must load in the child.
     */
    public static ConsumerProcess spawn(ConsumerSpec spec, List<Path> userClasspath) {
        return launch(spec, childClasspath(userClasspath), true);
    }

    static String childClasspath(List<Path> userClasspath) {
        List<String> entries = new ArrayList<>(List.of(System.getProperty("java.class.path")));
        userClasspath.forEach(p -> entries.add(p.toAbsolutePath().toString()));
        return String.join(File.pathSeparator, entries);
    }

    private static ConsumerProcess launch(ConsumerSpec spec, String classpath, boolean awaitStart) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", classpath, ChildConsumer.class.getName(), EventCodec.write(spec)));
        if (awaitStart) {
            command.add(ChildConsumer.AWAIT_START);
        }
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new ReplayException("cannot start the JVM of consumer " + spec.name() + ": " + e.getMessage(), e);
        }
        ConsumerProcess consumer = new ConsumerProcess(spec, process);
        Runtime.getRuntime().addShutdownHook(consumer.shutdownHook);
        consumer.output.readFrom(process.getInputStream(), process.getErrorStream(), "consumer-" + spec.name());
        process.onExit().thenRun(consumer::exited);
        return consumer;
    }

    /**
     * A {@link #spawn}ed child constructs its consumer (once it is READY, at once if it is);
     * its CREATED event follows. Sent shortly before {@link #begin}: see {@code ChildConsumer}.
     */
    public void create() {
        send(ChildConsumer.CREATE);
    }

    /** A {@link #spawn}ed consumer subscribes and starts polling (constructing it first if no create came); its STARTED event follows. */
    public void begin() {
        send(ChildConsumer.START);
    }

    /** The poll loop stands still for {@code stall} (a stuck record handler); heartbeats go on. */
    public void stall(Duration stall) {
        send(ChildConsumer.STALL + " " + stall.toMillis());
    }

    /** The consumer subscribes to {@code topics} instead. */
    public void subscribe(List<String> topics) {
        send(ChildConsumer.SUBSCRIBE + " " + String.join(",", topics));
    }

    /** One command line on the child's stdin; a child that is gone does not read it, and says so by its exit. */
    private synchronized void send(String command) {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            // the child died meanwhile: unexpectedExit() tells why
        }
    }

    /** {@link #start} on this JVM's own class path, which holds ChildConsumer and kafka-clients. */
    public static ConsumerProcess start(ConsumerSpec spec) {
        return start(spec, System.getProperty("java.class.path"));
    }

    private void exited() {
        output.processExited(TimeUnit.SECONDS.toMillis(EXIT_WAIT_SECONDS));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running: destroying a dead process is harmless
        }
    }

    public String name() {
        return spec.name();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Every event so far, in the order the child printed them. */
    public List<MemberEvent> events() {
        return output.events();
    }

    /** The partitions this consumer owns by its callbacks so far. */
    public Set<MemberEvent.Partition> ownedPartitions() {
        return output.owned();
    }

    /** Waits for the first event (from the start) that matches; fails if the consumer dies or the timeout passes first. */
    public MemberEvent awaitEvent(Predicate<MemberEvent> match, Duration timeout) {
        await(out -> out.events().stream().anyMatch(match), timeout, "the expected event");
        return events().stream().filter(match).findFirst().orElseThrow();
    }

    /** Waits until the partitions this consumer owns satisfy {@code condition}; fails as {@link #awaitEvent} does. */
    public Set<MemberEvent.Partition> awaitOwned(Predicate<Set<MemberEvent.Partition>> condition, Duration timeout) {
        await(out -> condition.test(out.owned()), timeout, "the expected partitions");
        return ownedPartitions();
    }

    private void await(Predicate<ChildOutput> condition, Duration timeout, String what) {
        try {
            if (output.await(condition, System.nanoTime() + timeout.toNanos())) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while waiting for consumer " + name(), e);
        }
        unexpectedExit().ifPresent(message -> {
            throw new ReplayException(message);
        });
        throw new ReplayException("consumer " + name() + " did not reach " + what + " within " + timeout.toSeconds()
            + " s; it owns " + ownedPartitions());
    }

    /**
     * True when the consumer stopped on an error the group coordinator gave it, one Kafka's client
     * treats as fatal (e.g. {@code UnreleasedInstanceIdException}: a static member restarted while
     * its killed predecessor still holds the instance id). That is the protocol's outcome, which
     * the simulation models too ({@code member-failed}), not a failure of the replay. Except
     * {@code UnsupportedAssignorException}: the cluster lacks the assignor the scenario names.
     */
    public boolean failedOnKafkaError() {
        return !process.isAlive() && failure().filter(d -> d.startsWith(KAFKA_ERRORS) && !d.startsWith(UNSUPPORTED_ASSIGNOR)).isPresent();
    }

    /** The error the child stopped on, as it printed it ({@code Exception.toString()}). */
    private Optional<String> failure() {
        return output.events().stream()
            .filter(e -> e.type() == MemberEvent.Type.FAILED && e.detail() != null)
            .map(MemberEvent::detail)
            .findFirst();
    }

    /**
     * If the child exited without being killed or closed, and not on an error the coordinator
     * gave it ({@link #failedOnKafkaError}): one paragraph saying so, with its last output.
     */
    public Optional<String> unexpectedExit() {
        if (stoppedByUs || process.isAlive() || failedOnKafkaError()) {
            return Optional.empty();
        }
        String failure = failure().orElse(String.join(" | ", output.tail()));
        if (failure.startsWith(UNSUPPORTED_ASSIGNOR)) {
            return Optional.of(unsupportedAssignor(failure));
        }
        int code = process.exitValue();
        // 128 + N: the JVM was ended by signal N from outside (the OOM killer, a kill -9)
        String signal = code > 128 ? " (signal " + (code - 128) + ")" : "";
        return Optional.of("consumer " + name() + " (pid " + pid() + ") exited unexpectedly with code "
            + code + signal + (failure.isEmpty() ? "" : ": " + failure));
    }

    /**
     * The broker refused the server-side assignor {@code group.remote.assignor} names: the
     * cluster's configuration, not the protocol's outcome, so the replay cannot go on. A broker
     * loads its assignors once, at start-up, from {@code group.consumer.assignors}.
     */
    private String unsupportedAssignor(String failure) {
        return "consumer " + name() + ": the broker does not know the server-side assignor '"
            + spec.configs().get(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG) + "' (group.remote.assignor); a consumer-protocol "
            + "assignor runs in the broker, so on a cluster of your own (--bootstrap-server) its class must be listed in every "
            + "broker's group.consumer.assignors and its jar be on the brokers' class path (then restart them). The broker said: "
            + failure.substring(KAFKA_ERRORS.length());
    }

    /** Whether this process was closed or killed by us (a later exit is no failure). */
    public boolean stoppedByUs() {
        return stoppedByUs;
    }

    /** SIGKILL: the consumer dies at once, without leaving the group. */
    public void kill() {
        stoppedByUs = true;
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGSTOP: the whole JVM freezes; nothing of it runs until {@link #resume}. */
    public void pause() {
        paused = true;
        Signals.stop(pid());
    }

    /** SIGCONT after {@link #pause}. */
    public void resume() {
        Signals.resume(pid());
        paused = false;
    }

    /**
     * Graceful stop: the child closes its consumer (callbacks, then leaving the group) and exits.
     * A paused child is resumed first. One that does not exit within {@code timeout} is killed,
     * and that is an error.
     */
    public void close(Duration timeout) {
        if (!process.isAlive()) {
            return;
        }
        stoppedByUs = true;
        if (paused) {
            resume();
        }
        send(ChildConsumer.CLOSE);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new ReplayException("consumer " + name() + " did not close within " + timeout.toSeconds() + " s; it was killed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new ReplayException("interrupted while closing consumer " + name() + "; it was killed", e);
        }
        awaitExit();
    }

    /** {@link #close(Duration)} with 45 s: more than `KafkaConsumer.close()`'s own 30 s default. */
    @Override
    public void close() {
        close(Duration.ofSeconds(45));
    }

    /** Waits for the exit and for the output readers, so that {@link #events} is complete afterwards. */
    private void awaitExit() {
        try {
            process.onExit().get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            output.processExited(TimeUnit.SECONDS.toMillis(EXIT_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new ReplayException("consumer " + name() + " (pid " + pid() + ") did not exit within " + EXIT_WAIT_SECONDS + " s", e);
        }
    }
}
