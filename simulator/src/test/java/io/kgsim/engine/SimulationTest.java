package io.kgsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimulationTest {

    @Test
    void eventsRunInTimeOrderAndTiesRunInSchedulingOrder() {
        Simulation sim = new Simulation(1);
        List<String> log = new ArrayList<>();
        sim.schedule(20, () -> log.add("b@20"));
        sim.schedule(10, () -> log.add("a@10"));
        sim.schedule(20, () -> log.add("c@20"));
        sim.schedule(10, () -> {
            log.add("d@10");
            sim.schedule(0, () -> log.add("e@10 (scheduled at 10)"));
        });
        sim.run(100);
        assertEquals(List.of("a@10", "d@10", "e@10 (scheduled at 10)", "b@20", "c@20"), log);
        assertEquals(100, sim.now());
        assertEquals(5, sim.eventsRun());
    }

    @Test
    void cancelledTimersNeverRunAndLeaveNothingQueued() {
        Simulation sim = new Simulation(1);
        List<Integer> ran = new ArrayList<>();
        List<Timer> timers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int id = i;
            timers.add(sim.schedule(i, () -> ran.add(id)));
        }
        for (int i = 0; i < 1000; i += 2) {
            assertTrue(sim.cancel(timers.get(i)));
        }
        assertEquals(500, sim.pending());
        assertFalse(sim.cancel(timers.get(0)), "second cancel is a no-op");
        sim.run(10_000);
        assertEquals(500, ran.size());
        for (int id : ran) {
            assertEquals(1, id % 2);
        }
        assertEquals(0, sim.pending());
    }

    @Test
    void rescheduleMovesATimerInPlaceAndOrdersItAfterEarlierSchedulings() {
        Simulation sim = new Simulation(1);
        List<String> log = new ArrayList<>();
        Timer session = sim.schedule(100, () -> log.add("session-expired"));
        sim.schedule(50, () -> log.add("other@50"));
        sim.schedule(40, () -> sim.reschedule(session, 10));
        sim.run(1000);
        assertEquals(List.of("other@50", "session-expired"), log);
        assertFalse(session.isPending(), "a fired timer is no longer pending");
    }

    @Test
    void runStopsBeforeEventsDueAtTheEnd() {
        Simulation sim = new Simulation(1);
        List<String> log = new ArrayList<>();
        sim.schedule(10, () -> log.add("before"));
        sim.schedule(20, () -> log.add("at-end"));
        sim.run(20);
        assertEquals(List.of("before"), log);
        assertEquals(1, sim.pending());
        assertThrows(IllegalArgumentException.class, () -> sim.run(5));
    }

    @Test
    void negativeDelaysAreRefused() {
        Simulation sim = new Simulation(1);
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, () -> { }));
    }

    @Test
    void aFailingActionStopsTheRunWithSeedAndVirtualTime() {
        Simulation sim = new Simulation(77);
        sim.schedule(1_500_000, () -> {
            throw new IllegalStateException("boom");
        });
        SimulationException e = assertThrows(SimulationException.class, () -> sim.run(10_000_000));
        assertEquals(77, e.seed());
        assertEquals(1_500_000, e.timeUs());
        assertTrue(e.getMessage().contains("seed 77") && e.getMessage().contains("1.500s") && e.getMessage().contains("boom"), e.getMessage());
    }

    /** The heap against a reference model: random schedules, cancels and re-arms, same order. */
    @Test
    void matchesAReferencePriorityQueueUnderRandomScheduleCancelAndReschedule() {
        Random rnd = new Random(12345);
        Simulation sim = new Simulation(1);
        record Ref(long time, long seq, int id) {
        }
        PriorityQueue<Ref> ref = new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
        List<Integer> fired = new ArrayList<>();
        List<Timer> timers = new ArrayList<>();
        List<Ref> refs = new ArrayList<>();
        long[] seq = {0};
        for (int i = 0; i < 20_000; i++) {
            int op = rnd.nextInt(10);
            if (op < 6 || timers.isEmpty()) {
                int id = timers.size();
                long delay = rnd.nextInt(1000);
                timers.add(sim.schedule(delay, () -> fired.add(id)));
                Ref r = new Ref(sim.now() + delay, seq[0]++, id);
                refs.add(r);
                ref.add(r);
            } else if (op < 8) {
                int id = rnd.nextInt(timers.size());
                boolean wasPending = timers.get(id).isPending();
                assertEquals(wasPending, sim.cancel(timers.get(id)));
                if (wasPending) {
                    ref.remove(refs.get(id));
                }
            } else {
                int id = rnd.nextInt(timers.size());
                long delay = rnd.nextInt(1000);
                ref.remove(refs.get(id));
                sim.reschedule(timers.get(id), delay);
                Ref r = new Ref(sim.now() + delay, seq[0]++, id);
                refs.set(id, r);
                ref.add(r);
            }
            if (rnd.nextInt(4) == 0 && sim.pending() > 0) {
                sim.step();
                Ref expected = ref.poll();
                assertEquals(expected.id(), fired.get(fired.size() - 1));
            }
            assertEquals(ref.size(), sim.pending());
        }
        while (sim.step()) {
            assertEquals(ref.poll().id(), fired.get(fired.size() - 1));
        }
        assertTrue(ref.isEmpty());
    }

    @Test
    void keyedTimersReplaceWhatTheKeyHad() {
        Simulation sim = new Simulation(1);
        KeyedTimers<String> timers = new KeyedTimers<>(sim);
        List<String> log = new ArrayList<>();
        timers.schedule("session-c1", 100, () -> log.add("first"));
        sim.schedule(50, () -> timers.schedule("session-c1", 100, () -> log.add("second")));
        sim.run(1000);
        assertEquals(List.of("second"), log);
        assertFalse(timers.isScheduled("session-c1"));
        assertEquals(0, sim.pending());
    }
}
