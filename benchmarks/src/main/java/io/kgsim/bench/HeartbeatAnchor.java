package io.kgsim.bench;

import io.kgsim.engine.DurationDistribution;
import io.kgsim.engine.RandomStreams;
import io.kgsim.engine.Simulation;
import io.kgsim.engine.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The model of {@code shared/anchors/simpy_heartbeat.py} on kgsim's engine: N members
 * heartbeat every 3 s over a lognormal(1 ms, 0.3) one-way latency; the coordinator re-arms a
 * 10 s session timer per member when a heartbeat arrives; member 0 crashes at t = 60 s and is
 * expired. Each heartbeat is three events as in SimPy's model: the member's send, the
 * coordinator receiving it (re-arming the session), the response reaching the member.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.kgsim.bench.HeartbeatAnchor [members] [virtual_seconds]</pre>
 *
 * Timed end to end like the SimPy script (model built, then the loop), best of three runs in
 * one JVM so the JIT has compiled the loop, as CPython needs no warm-up.
 */
public final class HeartbeatAnchor {
    private static final long HB_US = 3_000_000;
    private static final long SESSION_US = 10_000_000;
    private static final long CRASH_AT_US = 60_000_000;

    private final Simulation sim = new Simulation(42);
    private final DurationDistribution.Sampler latency;
    private final RandomGenerator start;
    private final List<String> expired = new ArrayList<>();

    private HeartbeatAnchor() {
        RandomStreams streams = new RandomStreams(42);
        latency = new DurationDistribution.LogNormal(1_000, 0.3).sampler(streams.stream("latency"));
        start = streams.stream("start");
    }

    /**
     * A member: its heartbeat timer, the coordinator's session timer for it, and its heartbeat
     * message. A heartbeat goes out every 3 s and its round trip takes milliseconds, so one
     * message in flight per member is enough: the same timer carries the request to the
     * coordinator, then the response back, re-armed, never allocated. Each timer is its own
     * action (a {@link Timer} subclass), so an event touches one object, not a timer, a lambda
     * and the member it captured.
     */
    private final class Member extends Timer {
        final int id;
        final Session session = new Session();
        final Message message = new Message();
        boolean alive = true;

        Member(int id) {
            this.id = id;
        }

        @Override
        protected void fire() {
            if (!alive) {
                return;
            }
            if (message.isPending()) {
                throw new IllegalStateException("member " + id + " sends a heartbeat while the previous one is in flight");
            }
            message.toCoordinator = true;
            sim.reschedule(message, latency.sampleUs());
            sim.reschedule(this, HB_US);
            if (id == 0 && sim.now() + HB_US >= CRASH_AT_US) {
                alive = false;
            }
        }

        /** A heartbeat request on its way to the coordinator, then its response on the way back. */
        final class Message extends Timer {
            boolean toCoordinator;

            @Override
            protected void fire() {
                if (toCoordinator) {
                    // The coordinator receives the heartbeat: the session starts over; the
                    // response takes one more latency back.
                    toCoordinator = false;
                    sim.reschedule(session, SESSION_US);
                    sim.reschedule(this, latency.sampleUs());
                }
                // The response reaching the member needs nothing: the next heartbeat is armed.
            }
        }

        final class Session extends Timer {
            @Override
            protected void fire() {
                expired.add(id + "@" + sim.now() / 1e6);
            }
        }
    }

    private long run(int members, long virtualUs) {
        for (int i = 0; i < members; i++) {
            Member m = new Member(i);
            sim.reschedule(m.session, SESSION_US);
            sim.reschedule(m, (long) (start.nextDouble() * HB_US));
        }
        sim.run(virtualUs);
        return sim.eventsRun();
    }

    public static void main(String[] args) {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3600;
        double best = Double.MAX_VALUE;
        long events = 0;
        List<String> expired = List.of();
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            HeartbeatAnchor a = new HeartbeatAnchor();
            events = a.run(members, (long) (seconds * 1e6));
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            expired = a.expired;
        }
        System.out.printf(Locale.ROOT, "kgsim: members=%d virtual_s=%.0f events=%d wall_s=%.3f events_per_s=%,.0f expired=%s%n",
                members, seconds, events, best, events / best, expired.subList(0, Math.min(3, expired.size())));
    }
}
