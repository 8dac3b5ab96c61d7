package io.kgsim.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Independent simulations on a fixed number of daemon threads, one simulation per thread at a
 * time. Each simulation is single-threaded and shares nothing, so results do not depend on the
 * number of threads; callers read the futures in submission order (compare, seeds) or take them
 * as they finish and put them back in order themselves (a sweep's {@link LocalEngine}).
 * The threads inherit the creating thread's context class loader, so a user's assignors resolve.
 */
public final class ParallelRuns implements AutoCloseable {
    private final ExecutorService executor;

    public ParallelRuns(int threads) {
        this.executor = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "kgsim-run");
            t.setDaemon(true);
            return t;
        });
    }

    /** Threads to use: {@code requested}, or the number of cores, and never more than the tasks. */
    public static int threads(Integer requested, long tasks) {
        return (int) Math.max(1, Math.min(tasks, requested != null ? requested : Runtime.getRuntime().availableProcessors()));
    }

    public <T> List<Future<T>> submitAll(List<Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> t : tasks) {
            futures.add(executor.submit(t));
        }
        return futures;
    }

    /** The pool itself, for a caller that takes results as they finish (an ExecutorCompletionService over it). */
    ExecutorService executor() {
        return executor;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
