package io.kgsim.batch;

import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/** Engines that misbehave on purpose: in another order, killed part-way, failing chosen runs, or telling what they were asked. */
final class TestEngines {
    private TestEngines() {
    }

    /** Runs on the calling thread in a shuffled order (seeded), as a cluster might finish them. */
    static SweepEngine shuffled(long seed) {
        return engine((plan, todo, sink) -> {
            List<Long> order = new ArrayList<>();
            for (long i : todo) {
                order.add(i);
            }
            java.util.Collections.shuffle(order, new Random(seed));
            order.forEach(i -> sink.accept(RunOne.run(plan, i, null)));
        });
    }

    /** The local engine on one thread, but the process "dies" once {@code after} outcomes were handed back. */
    static SweepEngine killedAfter(int after) {
        return engine((plan, todo, sink) -> {
            int[] seen = {0};
            new LocalEngine().execute(plan, todo, 1, o -> {
                if (seen[0]++ == after) {
                    throw new Killed();
                }
                sink.accept(o);
            });
        });
    }

    /** The local engine, except that the runs {@code fails} picks fail with an error. */
    static SweepEngine failing(LongPredicate fails) {
        return new LocalEngine((plan, index) -> {
            if (fails.test(index)) {
                var run = plan.run(index);
                return RunOutcome.failed(index, run.seed(), plan.strategies().get(run.strategy()), "simulation failed at t=1.000s: injected");
            }
            return RunOne.run(plan, index, null);
        });
    }

    /** The local engine on two threads, remembering which runs it was asked for. */
    static final class Recording implements SweepEngine {
        final List<Long> asked = new ArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void execute(SweepPlan plan, long[] todo, Integer threads, Consumer<RunOutcome> sink) throws InterruptedException {
            for (long i : todo) {
                asked.add(i);
            }
            new LocalEngine().execute(plan, todo, 2, sink);
        }
    }

    /** What a killed process leaves: the exception stands for the JVM going away mid-sweep. */
    static final class Killed extends RuntimeException {
        Killed() {
            super("killed");
        }
    }

    private interface Body {
        void execute(SweepPlan plan, long[] todo, Consumer<RunOutcome> sink) throws InterruptedException;
    }

    private static SweepEngine engine(Body body) {
        return new SweepEngine() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public void execute(SweepPlan plan, long[] todo, Integer threads, Consumer<RunOutcome> sink) throws InterruptedException {
                body.execute(plan, todo, sink);
            }
        };
    }
}
