package io.kgsim.bench;

import io.kgsim.engine.Simulation;
import io.kgsim.engine.Timer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bare event loop at a realistic queue depth: {@code depth} timers stay pending. Score:
 * events dispatched per second (schedule + dispatch, with cancel-and-re-arm).
 *
 * <ul>
 * <li>{@code HEARTBEAT}: {@code depth / 2} members, each a heartbeat timer firing every 3 s
 *     (plus up to 2 ms of jitter) that re-arms the member's session timer to 10 s from now,
 *     so the session timers are re-armed constantly and fire never: the classic protocol's
 *     steady state, and the SimPy anchor model's.
 * <li>{@code RANDOM}: every timer re-arms itself with a delay uniform in (0, 3 s], and a
 *     quarter of the events also re-arm a random other timer to a random time, earlier or
 *     later: no structure for the queue to exploit.
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar EventLoopBenchmark
 * java -jar benchmarks/target/benchmarks.jar EventLoopBenchmark -p depth=100000 -p workload=RANDOM
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-XX:+UseTransparentHugePages"})
public class EventLoopBenchmark {
    private static final int EVENTS_PER_INVOCATION = 100_000;
    private static final int TABLE = 1 << 16;

    public enum Workload { HEARTBEAT, RANDOM }

    @Param({"1000", "10000", "100000", "1000000"})
    public int depth;

    @Param({"HEARTBEAT", "RANDOM"})
    public Workload workload;

    private Simulation sim;
    private Timer[] timers;
    private long[] delays;
    private int[] victims;
    private int cursor;

    /** A self-re-arming timer: the engine's fast path (the timer is its own action). */
    private final class Periodic extends Timer {
        /** HEARTBEAT: this member's session timer, held as the coordinator's member record holds it. */
        Timer session;

        @Override
        protected void fire() {
            int c = cursor++ & (TABLE - 1);
            sim.reschedule(this, delays[c]);
            if (session != null) {
                sim.reschedule(session, 10_000_000);
            } else {
                int v = victims[c];
                if (v >= 0) {
                    sim.reschedule(timers[v], delays[(c + 7) & (TABLE - 1)]);
                }
            }
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        sim = new Simulation(1);
        timers = new Timer[depth];
        SplittableRandom rnd = new SplittableRandom(42);
        delays = new long[TABLE];
        victims = new int[TABLE];
        for (int i = 0; i < TABLE; i++) {
            delays[i] = workload == Workload.HEARTBEAT ? 3_000_000 + rnd.nextInt(2_000) : 1 + rnd.nextInt(3_000_000);
            victims[i] = rnd.nextInt(100) < 25 ? rnd.nextInt(depth) : -1;
        }
        for (int i = 0; i < depth; i++) {
            if (workload == Workload.HEARTBEAT && i % 2 == 1) {
                timers[i] = sim.newTimer(() -> {
                    throw new IllegalStateException("a session timed out: heartbeats stopped");
                });
                sim.reschedule(timers[i], 10_000_000);
                ((Periodic) timers[i - 1]).session = timers[i];
            } else {
                timers[i] = new Periodic();
                // Spread the first firings over one period, as members that joined at different times.
                sim.reschedule(timers[i], 1 + rnd.nextInt(3_000_000));
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public long dispatch() {
        for (int i = 0; i < EVENTS_PER_INVOCATION; i++) {
            sim.step();
        }
        return sim.now();
    }
}
