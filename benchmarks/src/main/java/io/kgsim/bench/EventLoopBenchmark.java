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
 * The bare event loop at a realistic queue depth: {@code depth} timers stay pending (one per
 * simulated heartbeat or session timeout); each event that fires re-arms itself, and
 * {@code rearmPercent} of them also re-arm another pending timer in place, as a heartbeat
 * re-arms its member's session timeout. Score: events dispatched per second.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar EventLoopBenchmark
 * java -jar benchmarks/target/benchmarks.jar EventLoopBenchmark -p depth=100000
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventLoopBenchmark {
    private static final int EVENTS_PER_INVOCATION = 100_000;

    @Param({"1000", "10000", "100000"})
    public int depth;

    /** Share of events that also cancel-and-re-arm another timer (a session timeout). */
    @Param({"25"})
    public int rearmPercent;

    private Simulation sim;
    private Timer[] timers;
    private long[] delays;
    private int[] victims;
    private int cursor;

    @Setup(Level.Trial)
    public void setUp() {
        sim = new Simulation(1);
        timers = new Timer[depth];
        SplittableRandom rnd = new SplittableRandom(42);
        delays = new long[1 << 16];
        victims = new int[1 << 16];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = 1 + rnd.nextInt(3_000_000);
            victims[i] = rnd.nextInt(100) < rearmPercent ? rnd.nextInt(depth) : -1;
        }
        for (int i = 0; i < depth; i++) {
            Timer[] self = new Timer[1];
            self[0] = sim.newTimer(() -> fire(self[0]));
            timers[i] = self[0];
            sim.reschedule(self[0], delays[i & (delays.length - 1)]);
        }
    }

    private void fire(Timer self) {
        int c = cursor++ & (delays.length - 1);
        sim.reschedule(self, delays[c]);
        int v = victims[c];
        if (v >= 0) {
            sim.reschedule(timers[v], delays[(c + 7) & (delays.length - 1)]);
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
