package io.kgsim.protocol;

import io.kgsim.cluster.Network;
import io.kgsim.engine.Action;
import io.kgsim.engine.Simulation;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.common.protocol.Errors;

/**
 * A member's connection to its group coordinator, whatever the group protocol: what the
 * client's {@code ConsumerNetworkClient} and the coordinator-discovery part of
 * {@code AbstractCoordinator} (Kafka 4.x) do, reduced to what shapes a group's timing.
 *
 * <ul>
 * <li>Discovery: FindCoordinator to any broker, retried every {@code retry.backoff.ms} until a
 *     coordinator answers ({@code ensureCoordinatorReady}); {@link #markCoordinatorUnknown}
 *     starts it again when the connection fails.
 * <li>Requests: each crosses the member's {@link Network.Link} both ways; a request sent while
 *     the member is cut off never arrives and fails after the request timeout.
 * <li>Responses: dropped when they answer an earlier incarnation of the process (a restart
 *     opens a new connection), held while the process is frozen (a GC pause stops every thread).
 * </ul>
 */
public final class CoordinatorChannel {
    /** What the member hears of discovery. */
    public interface Listener {
        /** FindCoordinator named a coordinator: the main thread may (re)join. */
        void coordinatorFound();

        /** The coordinator was lost ({@code markCoordinatorUnknown}); discovery starts again. */
        void coordinatorUnknown(Errors cause);
    }

    private final Simulation sim;
    private final Network.Link link;
    private final BooleanSupplier coordinatorAvailable;
    private final long retryBackoffUs;
    private final long requestTimeoutUs;
    private final Listener listener;
    /** One process lifetime: a restart opens a new connection and late answers are dropped. */
    private int incarnation;
    private boolean open;
    private boolean coordinatorKnown;
    /** The member cannot reach the coordinator before this instant (cut-network). */
    private long cutUntilUs;
    /** A GC pause freezes every thread: nothing is sent or handled before this instant. */
    private long frozenUntilUs;

    public CoordinatorChannel(Simulation sim, Network.Link link, BooleanSupplier coordinatorAvailable, long retryBackoffUs,
                              long requestTimeoutUs, Listener listener) {
        this.sim = sim;
        this.link = link;
        this.coordinatorAvailable = coordinatorAvailable;
        this.retryBackoffUs = retryBackoffUs;
        this.requestTimeoutUs = requestTimeoutUs;
        this.listener = listener;
    }

    /** The process starts: a new connection, no coordinator known, no cut, no pause. */
    public void open() {
        incarnation++;
        open = true;
        coordinatorKnown = false;
        cutUntilUs = 0;
        frozenUntilUs = 0;
    }

    /** The process ended: every answer still on its way is dropped. */
    public void close() {
        open = false;
        incarnation++;
    }

    public boolean coordinatorKnown() {
        return coordinatorKnown;
    }

    /**
     * FindCoordinator: a round trip to any live broker, which names the coordinator once one is
     * up; retried every {@code retry.backoff.ms} until then (or while the member is cut off).
     */
    public void findCoordinator() {
        int inc = incarnation;
        if (isCut()) {
            sim.schedule(retryBackoffUs, () -> retryFindCoordinator(inc));
            return;
        }
        link.deliver(() -> {
            boolean found = coordinatorAvailable.getAsBoolean();
            link.respond(() -> receive(inc, () -> {
                if (found && coordinatorAvailable.getAsBoolean()) {
                    coordinatorKnown = true;
                    listener.coordinatorFound();
                } else {
                    sim.schedule(retryBackoffUs, () -> retryFindCoordinator(inc));
                }
            }));
        });
    }

    private void retryFindCoordinator(int inc) {
        if (inc == incarnation && open && !coordinatorKnown) {
            findCoordinator();
        }
    }

    /**
     * {@code markCoordinatorUnknown}: the connection to the coordinator failed (it moved, its
     * broker died, a request timed out). The member keeps its membership, and looks for the
     * coordinator again.
     */
    public void markCoordinatorUnknown(Errors cause) {
        if (!coordinatorKnown) {
            return;
        }
        coordinatorKnown = false;
        listener.coordinatorUnknown(cause);
        findCoordinator();
    }

    /** The errors after which the client looks for its coordinator again. */
    public static boolean isCoordinatorError(Errors e) {
        return e == Errors.NOT_COORDINATOR || e == Errors.COORDINATOR_NOT_AVAILABLE || e == Errors.REQUEST_TIMED_OUT
                || e == Errors.COORDINATOR_LOAD_IN_PROGRESS;
    }

    /**
     * The member cannot reach its coordinator for {@code durationUs} (it still reaches partition
     * leaders): requests to the coordinator vanish and fail after the client's request timeout.
     */
    public void cut(long durationUs) {
        cutUntilUs = Math.max(cutUntilUs, sim.now() + durationUs);
    }

    public boolean isCut() {
        return sim.now() < cutUntilUs;
    }

    /** A GC pause: no answer is handled before {@code untilUs}. */
    public void freeze(long untilUs) {
        frozenUntilUs = Math.max(frozenUntilUs, untilUs);
    }

    public boolean isFrozen() {
        return sim.now() < frozenUntilUs;
    }

    public long frozenUntilUs() {
        return frozenUntilUs;
    }

    /** A request without an answer the member waits for (LeaveGroup): lost while cut off. */
    public void sendOneWay(Action request) {
        if (!isCut()) {
            link.deliver(request);
        }
    }

    /** A request with the client's {@code request.timeout.ms}. */
    public <Q, R> void send(BiConsumer<Q, Consumer<R>> handler, Q request, Consumer<R> onResponse, R timedOut) {
        send(handler, request, onResponse, timedOut, requestTimeoutUs);
    }

    /**
     * Request and response each cross the network; answers to a previous incarnation are
     * dropped. A request sent while the member is cut off from the coordinator never arrives:
     * the client gives up after {@code timeoutUs} with {@code timedOut}.
     */
    public <Q, R> void send(BiConsumer<Q, Consumer<R>> handler, Q request, Consumer<R> onResponse, R timedOut, long timeoutUs) {
        int inc = incarnation;
        if (isCut()) {
            sim.schedule(timeoutUs, () -> receive(inc, () -> onResponse.accept(timedOut)));
            return;
        }
        link.deliver(() -> handler.accept(request, response -> link.respond(() -> receive(inc, () -> onResponse.accept(response)))));
    }

    /** A response reaches the process: dropped if it restarted since, held while it is frozen. */
    private void receive(int inc, Action handle) {
        if (inc != incarnation || !open) {
            return;
        }
        if (isFrozen()) {
            sim.schedule(frozenUntilUs - sim.now(), () -> receive(inc, handle));
            return;
        }
        handle.run();
    }
}
