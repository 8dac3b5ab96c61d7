package io.kgsim.replay.play;

import io.kgsim.replay.ReplayException;
import io.kgsim.replay.member.ConsumerProcess;
import io.kgsim.replay.member.ConsumerSpec;
import io.kgsim.replay.member.MemberEvent;
import io.kgsim.scenario.MemberRef;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every consumer JVM of a real run: spawned ahead into the slot of the {@link Step.Start} that
 * will use it, then the process each member currently runs, and when that one has closed.
 * Thread-safe: the timeline thread starts and signals processes while closes finish elsewhere.
 */
final class MemberProcesses {
    /** A slot's process and the member it is for. */
    record Slot(MemberRef member, ConsumerProcess process) {
    }

    /** The process a member runs now; {@code closed} completes once it has exited (closed or killed). */
    record Running(ConsumerProcess process, CompletableFuture<Void> closed) {
    }

    private final Map<Integer, Slot> slots = new ConcurrentHashMap<>();
    private final Map<MemberRef, Running> running = new ConcurrentHashMap<>();
    private final Map<Integer, Long> killedAt = new ConcurrentHashMap<>();
    /** The user's {@code --classpath} entries, on every child's class path after the replay's own. */
    private final List<Path> userClasspath;

    MemberProcesses(List<Path> userClasspath) {
        this.userClasspath = List.copyOf(userClasspath);
    }

    /** Spawns the JVM of {@code start} (it constructs its consumer, then waits); idempotent. */
    ConsumerProcess spawn(Step.Start start, ConsumerSpec spec) {
        return slots.computeIfAbsent(start.process(), p -> new Slot(start.member(), ConsumerProcess.spawn(spec, userClasspath))).process();
    }

    /** Waits for every spawned JVM to have constructed its consumer. */
    void awaitReady(Duration timeout) {
        for (Slot s : slotsInOrder()) {
            s.process().awaitEvent(e -> e.type() == MemberEvent.Type.READY, timeout);
        }
    }

    /** The member's process from now on is {@code process}; returns the one it had, which may still be closing. */
    Optional<Running> replace(MemberRef member, ConsumerProcess process) {
        return Optional.ofNullable(running.put(member, new Running(process, new CompletableFuture<>())));
    }

    Optional<Running> current(MemberRef member) {
        return Optional.ofNullable(running.get(member));
    }

    /** SIGKILL; returns when it was sent, {@code System.nanoTime()}. */
    long kill(MemberRef member) {
        Running r = running.get(member);
        long at = System.nanoTime();
        r.process().kill();
        killedAt.put(slotOf(r.process()), at);
        r.closed().complete(null);
        return at;
    }

    Long killedAt(int slot) {
        return killedAt.get(slot);
    }

    private int slotOf(ConsumerProcess process) {
        return slots.entrySet().stream().filter(e -> e.getValue().process() == process).findFirst().orElseThrow().getKey();
    }

    /** Spawned slots in slot order: the order the plan starts them. */
    List<Slot> slotsInOrder() {
        List<Slot> out = new ArrayList<>();
        slots.keySet().stream().sorted().forEach(k -> out.add(slots.get(k)));
        return out;
    }

    Slot slot(int process) {
        return slots.get(process);
    }

    /** The first child that exited without being closed or killed, as one paragraph. */
    Optional<String> unexpectedExit() {
        for (Slot s : slotsInOrder()) {
            Optional<String> exit = s.process().unexpectedExit();
            if (exit.isPresent()) {
                return Optional.of(s.member() + ": " + exit.get());
            }
        }
        return Optional.empty();
    }

    /** SIGKILL to every process still alive: when the run fails, nothing waits on anything. */
    void killAll() {
        for (Slot s : slotsInOrder()) {
            if (s.process().isAlive()) {
                try {
                    s.process().kill();
                } catch (ReplayException e) {
                    // it did not exit within the wait: the shutdown hook tries again at exit
                }
            }
        }
    }

    /** Graceful close of every live process, all at once; whatever has not closed within {@code timeout} is killed. */
    void closeAll(Duration timeout) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (Slot s : slotsInOrder()) {
            if (s.process().isAlive()) {
                closing.add(CompletableFuture.runAsync(() -> s.process().close(timeout), daemonExecutor()));
            }
        }
        for (CompletableFuture<Void> c : closing) {
            try {
                c.join();
            } catch (RuntimeException e) {
                // close already killed it: the run is over, so this is no failure
            }
        }
        killAll();
    }

    private static java.util.concurrent.Executor daemonExecutor() {
        return command -> {
            Thread t = new Thread(command, "kgsim-replay-close");
            t.setDaemon(true);
            t.start();
        };
    }
}
