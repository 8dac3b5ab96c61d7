package io.kgsim.replay.play;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * One thread that runs tasks at {@code System.nanoTime()} deadlines, strictly in (deadline, order
 * of scheduling) order. A {@code ScheduledThreadPoolExecutor} does not keep that order for tasks
 * due at the same scenario time: it adds its own reading of the clock to each delay, so a rolling
 * restart's replacement (due at the very time its predecessor is stopped, with no downtime) could
 * fire before the stop.
 */
final class WallClock implements AutoCloseable {
    private record Task(long atNanos, long seq, Runnable run) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>(Comparator.comparingLong(Task::atNanos).thenComparingLong(Task::seq));
    private final Thread thread;
    private long seq;
    private boolean closed;

    WallClock(String name) {
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    synchronized void at(long atNanos, Runnable task) {
        queue.add(new Task(atNanos, seq++, task));
        notifyAll();
    }

    private void loop() {
        while (true) {
            Task next;
            synchronized (this) {
                try {
                    next = awaitDue();
                } catch (InterruptedException e) {
                    return;
                }
                if (next == null) {
                    return;
                }
            }
            next.run().run();
        }
    }

    /** The head of the queue once it is due (comparisons of nanoTime by difference, as its Javadoc asks); null once closed. */
    private Task awaitDue() throws InterruptedException {
        while (!closed) {
            Task head = queue.peek();
            if (head == null) {
                wait();
                continue;
            }
            long left = head.atNanos() - System.nanoTime();
            if (left <= 0) {
                return queue.poll();
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return null;
    }

    /** No task starts after this; one running goes on to its end. */
    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
