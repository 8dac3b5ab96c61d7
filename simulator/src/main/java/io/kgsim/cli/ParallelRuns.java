package io.kgsim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Independent simulations on a fixed number of daemon threads, one simulation per thread at a
 * time. Each simulation is single-threaded and shares nothing, so results do not depend on the
 * number of threads; callers read the futures in submission order.
 */
final class ParallelRuns implements AutoCloseable {
    private final ExecutorService executor;

    ParallelRuns(int threads) {
        this.executor = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "kgsim-run");
            t.setDaemon(true);
            return t;
        });
    }

    /** Threads to use: {@code requested}, or the number of cores, and never more than the tasks. */
    static int threads(Integer requested, int tasks) {
        return Math.max(1, Math.min(tasks, requested != null ? requested : Runtime.getRuntime().availableProcessors()));
    }

    <T> List<Future<T>> submitAll(List<Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> t : tasks) {
            futures.add(executor.submit(t));
        }
        return futures;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
