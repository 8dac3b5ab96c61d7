package io.kgsim.replay.play;

import io.kgsim.replay.ReplayException;
import io.kgsim.replay.member.ConsumerProcess;
import io.kgsim.replay.member.ConsumerSpec;
import io.kgsim.replay.member.MemberEvent;
import io.kgsim.scenario.MemberRef;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Carries the plan's steps out on the wall clock: one timeline thread ({@link WallClock}) fires
 * each step at {@code t0 + atUs} in plan order; what can take long (a graceful close, a replacement waiting
 * for its predecessor to close, an admin call) runs on a worker so that no later step waits for
 * it. A step that fails records the first failure, which ends the run.
 */
final class Playback implements AutoCloseable {
    private final MemberProcesses processes;
    private final Function<Step.Start, ConsumerSpec> specs;
    private final StepTargets targets;
    private final Consumer<String> progress;
    private final Duration closeTimeout;
    private final WallClock timeline = new WallClock("kgsim-replay-timeline");
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("kgsim-replay-worker"));
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    /** Per plan step: when it took effect ({@code System.nanoTime()}); a start's is its process's STARTED line. */
    private final Map<Integer, Long> actualNanos = new ConcurrentHashMap<>();
    /** Per started slot: when its start command was sent. */
    private final Map<Integer, Long> startSentNanos = new ConcurrentHashMap<>();
    private long t0Nanos;

    /** The effects a step has beyond member processes: the topic admin calls. */
    interface StepTargets {
        void addPartitions(String scenarioTopic, int count);

        java.util.List<String> realTopics(java.util.List<String> scenarioTopics);
    }

    Playback(MemberProcesses processes, Function<Step.Start, ConsumerSpec> specs, StepTargets targets, Consumer<String> progress,
             Duration closeTimeout) {
        this.processes = processes;
        this.specs = specs;
        this.targets = targets;
        this.progress = progress;
        this.closeTimeout = closeTimeout;
    }

    /**
     * Schedules every step, the spawn of each later JVM {@code spawnLeadUs} before its start, and
     * the construction of each start's consumer at {@code createAtUs} ({@link ConsumerCreation});
     * t0 is now, or as much later as the earliest construction is before it.
     */
    long start(java.util.List<Step> steps, long spawnLeadUs, ToLongFunction<Step> createAtUs) {
        long firstCreateUs = steps.stream().filter(st -> st.op() instanceof Step.Start).mapToLong(createAtUs).min().orElse(0);
        t0Nanos = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(Math.max(0, -firstCreateUs));
        for (int i = 0; i < steps.size(); i++) {
            int index = i;
            Step step = steps.get(i);
            if (step.op() instanceof Step.Start s) {
                if (step.atUs() > spawnLeadUs) {
                    timeline.at(nanosAt(step.atUs() - spawnLeadUs), () -> guarded(() -> processes.spawn(s, specs.apply(s))));
                }
                timeline.at(nanosAt(createAtUs.applyAsLong(step)), () -> guarded(() -> processes.spawn(s, specs.apply(s)).create()));
            }
            timeline.at(nanosAt(step.atUs()), () -> guarded(() -> fire(index, step)));
        }
        return t0Nanos;
    }

    private long nanosAt(long atUs) {
        return t0Nanos + TimeUnit.MICROSECONDS.toNanos(atUs);
    }

    private void fire(int index, Step step) {
        Step.Op op = step.op();
        if (op instanceof Step.Start s) {
            begin(s);
        } else if (op instanceof Step.Stop s) {
            stop(index, s.member());
        } else if (op instanceof Step.Kill k) {
            actualNanos.put(index, processes.kill(k.member()));
        } else if (op instanceof Step.GcPause p) {
            gcPause(index, step, p);
        } else if (op instanceof Step.Stall s) {
            current(s.member()).stall(Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(s.durationUs())));
            actualNanos.put(index, System.nanoTime());
        } else if (op instanceof Step.Subscribe s) {
            current(s.member()).subscribe(targets.realTopics(s.topics()));
            actualNanos.put(index, System.nanoTime());
        } else if (op instanceof Step.AddPartitions a) {
            actualNanos.put(index, System.nanoTime());
            workers.execute(() -> guarded(() -> targets.addPartitions(a.topic(), a.count())));
        }
    }

    /** A pre-spawned JVM takes over the member, once the member's previous process (if any) has closed. */
    private void begin(Step.Start s) {
        ConsumerProcess process = processes.spawn(s, specs.apply(s));
        Optional<MemberProcesses.Running> previous = processes.replace(s.member(), process);
        if (previous.isPresent() && !previous.get().closed().isDone()) {
            workers.execute(() -> guarded(() -> {
                previous.get().closed().join();
                send(s, process);
            }));
        } else {
            send(s, process);
        }
    }

    private void send(Step.Start s, ConsumerProcess process) {
        startSentNanos.put(s.process(), System.nanoTime());
        process.begin();
    }

    private void stop(int index, MemberRef member) {
        MemberProcesses.Running r = processes.current(member).orElseThrow();
        actualNanos.put(index, System.nanoTime());
        workers.execute(() -> guarded(() -> {
            try {
                r.process().close(closeTimeout);
            } finally {
                r.closed().complete(null);
            }
        }));
    }

    private void gcPause(int index, Step step, Step.GcPause p) {
        ConsumerProcess process = current(p.member());
        process.pause();
        actualNanos.put(index, System.nanoTime());
        timeline.at(nanosAt(step.atUs() + p.durationUs()), () -> guarded(() -> {
            if (process.isAlive() && !process.stoppedByUs()) {
                process.resume();
            }
        }));
    }

    private ConsumerProcess current(MemberRef member) {
        return processes.current(member).orElseThrow().process();
    }

    private void guarded(Runnable effect) {
        try {
            effect.run();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    /** The first failure of a step, or of a child process that exited on its own. */
    Optional<RuntimeException> failure() {
        RuntimeException f = failure.get();
        if (f != null) {
            return Optional.of(f);
        }
        return processes.unexpectedExit().map(ReplayException::new);
    }

    /** When step {@code index} took effect, {@code System.nanoTime()}; a start's is its STARTED line. */
    Optional<Long> actualNanos(int index, Step step) {
        if (step.op() instanceof Step.Start s) {
            MemberProcesses.Slot slot = processes.slot(s.process());
            return slot == null ? Optional.empty() : slot.process().events().stream()
                .filter(e -> e.type() == MemberEvent.Type.STARTED).map(MemberEvent::nanos).findFirst();
        }
        return Optional.ofNullable(actualNanos.get(index));
    }

    /** When the start command of slot {@code process} was sent, if it was. */
    Optional<Long> startSentNanos(int process) {
        return Optional.ofNullable(startSentNanos.get(process));
    }

    void note(String line) {
        progress.accept(line);
    }

    /** No step fires after this; a close under way goes on (the caller closes every process next). */
    @Override
    public void close() {
        timeline.close();
        workers.shutdown();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
