package io.kgsim.spark;

import io.kgsim.scenario.ScenarioException;
import io.kgsim.sweep.SweepLoader;
import io.kgsim.sweep.SweepPlan;
import io.kgsim.sweep.SweepSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The sweep plans this JVM holds, by source: an executor rebuilds a plan once (parsing and
 * validating every cell's scenario), not once per task. The driver offers its own plan, so with
 * Spark embedded (driver and executors one JVM) nothing is rebuilt at all.
 */
final class ExecutorPlans {
    /** A JVM runs one sweep at a time in practice; a few are kept for tests and notebooks. */
    private static final int KEPT = 4;

    private static final Map<SweepSource, SweepPlan> PLANS = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<SweepSource, SweepPlan> eldest) {
            return size() > KEPT;
        }
    };

    private static boolean assignorsQuiet;

    private ExecutorPlans() {
    }

    /** Keeps {@code plan} for the tasks of this JVM (the driver's, under Spark embedded). */
    static synchronized void offer(SweepPlan plan) {
        PLANS.put(plan.source(), plan);
    }

    /** The plan {@code source} describes, built on first use in this JVM. */
    static synchronized SweepPlan of(SweepSource source) {
        quietAssignors();
        SweepPlan plan = PLANS.get(source);
        if (plan == null) {
            try {
                plan = SweepLoader.fromSource(source);
            } catch (ScenarioException e) {
                // The driver validated this very source before submitting: a mismatch is a bug.
                throw new IllegalStateException("the sweep does not load on this executor: " + e.getMessage(), e);
            }
            PLANS.put(source, plan);
        }
        return plan;
    }

    /**
     * Kafka's assignors log every assignment they compute at INFO (kgsim.jar silences them): a
     * sweep's thousands of rebalances would flood the executors' logs. Their warnings still show.
     */
    private static void quietAssignors() {
        if (!assignorsQuiet && LogManager.getContext(false) instanceof LoggerContext) {
            Configurator.setLevel("org.apache.kafka", Level.WARN);
        }
        assignorsQuiet = true;
    }
}
