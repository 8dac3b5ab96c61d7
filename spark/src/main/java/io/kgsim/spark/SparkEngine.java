package io.kgsim.spark;

import io.kgsim.batch.SweepEngine;
import io.kgsim.sweep.RunOutcome;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.sweep.SweepSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Function0;
import scala.Function2;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * {@code --engine spark}: a sweep's runs as one Spark job, one task per run. Executors get the
 * sweep's source, rebuild the plan from it ({@link ExecutorPlans}), and each outcome
 * comes back to the driver as its task finishes, in any order, to be handed to the sink on the
 * calling thread: the driver holds the runs in flight, never all of them.
 */
public final class SparkEngine implements SweepEngine {
    /** How long the driver waits for an outcome before looking whether the job died. */
    private static final long POLL_MS = 200;

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public void execute(SweepPlan plan, long[] todo, Integer threads, Consumer<RunOutcome> sink) throws InterruptedException {
        if (todo.length == 0) {
            return;
        }
        ExecutorPlans.offer(plan);
        try (SparkSessions.Lease lease = SparkSessions.acquire(threads)) {
            run(lease.session().sparkContext(), plan, todo, sink);
        }
    }

    /**
     * Submits the job and hands each outcome to {@code sink} as it arrives; cancels the job if the
     * caller stops. The sweep's source goes to each executor once, as a broadcast, not with every task.
     */
    private static void run(SparkContext sc, SweepPlan plan, long[] todo, Consumer<RunOutcome> sink) throws InterruptedException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
        JavaRDD<Long> rdd = jsc.parallelize(LongStream.of(todo).boxed().toList(), todo.length);
        Broadcast<SweepSource> source = jsc.broadcast(plan.source());
        BlockingQueue<RunRow> done = new LinkedBlockingQueue<>();
        sc.setJobDescription("kgsim sweep " + plan.name() + ": " + todo.length + " runs");
        SimpleFutureAction<BoxedUnit> job = sc.submitJob(rdd.rdd(), new RunTask(source), allPartitions(todo.length), collectInto(done),
                unit());
        try {
            for (long received = 0; received < todo.length;) {
                RunRow row = done.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (row != null) {
                    sink.accept(row.outcome());
                    received++;
                } else if (job.isCompleted()) {
                    throwIfFailed(job, received, todo.length);
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            job.cancel();
            throw e;
        } finally {
            sc.setJobDescription(null);
            source.destroy();
        }
    }

    /** The job ended without delivering every outcome: why, in one sentence. */
    private static void throwIfFailed(SimpleFutureAction<BoxedUnit> job, long received, long expected) {
        Try<BoxedUnit> result = job.value().get();
        if (result.isFailure()) {
            Throwable cause = result.failed().get();
            throw new IllegalStateException("the Spark job failed after " + received + " of " + expected + " runs: " + cause.getMessage(),
                    cause);
        }
        throw new IllegalStateException("the Spark job ended with " + received + " of " + expected + " runs");
    }

    private static scala.collection.immutable.Seq<Object> allPartitions(int n) {
        List<Object> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return CollectionConverters.asScala(all).toSeq();
    }

    /** Runs on the driver's scheduler thread as each task succeeds: queues its outcomes for the calling thread. */
    private static Function2<Object, ArrayList<RunRow>, BoxedUnit> collectInto(BlockingQueue<RunRow> done) {
        return new AbstractFunction2<>() {
            @Override
            public BoxedUnit apply(Object partition, ArrayList<RunRow> rows) {
                done.addAll(rows);
                return BoxedUnit.UNIT;
            }
        };
    }

    private static Function0<BoxedUnit> unit() {
        return new AbstractFunction0<>() {
            @Override
            public BoxedUnit apply() {
                return BoxedUnit.UNIT;
            }
        };
    }

    /** {@code runs.parquet}, from the finished {@code runs.csv} (see {@link RunsParquet}). */
    @Override
    public List<String> extraOutputs(SweepPlan plan, Path staging) throws IOException {
        RunsParquet.write(plan, staging.resolve("runs.csv"), staging.resolve(RunsParquet.FILE));
        return List.of(RunsParquet.FILE);
    }
}
