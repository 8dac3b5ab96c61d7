package io.kgsim.replay.member;

import io.kgsim.replay.ReplayException;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * POSIX signals Java has no API for: SIGSTOP freezes every thread of a JVM at once (what a long
 * stop-the-world GC pause looks like from outside: no heartbeat, no poll), SIGCONT resumes it.
 * Sent with the shell's built-in kill, present wherever /bin/sh is (the kill(1) program comes with
 * procps, which slim images lack). SIGKILL needs no helper: {@code Process.destroyForcibly()} sends it on Linux.
 */
final class Signals {
    private static final long TIMEOUT_SECONDS = 10;

    private Signals() {
    }

    static void stop(long pid) {
        send("STOP", pid);
    }

    static void resume(long pid) {
        send("CONT", pid);
    }

    private static void send(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + pid)
                .redirectErrorStream(true)
                .start();
            if (!kill.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new ReplayException("kill -" + signal + " " + pid + " did not return within " + TIMEOUT_SECONDS + " s");
            }
            if (kill.exitValue() != 0) {
                String output = new String(kill.getInputStream().readAllBytes()).strip();
                throw new ReplayException("kill -" + signal + " " + pid + " failed: " + output);
            }
        } catch (IOException e) {
            throw new ReplayException("cannot run kill -" + signal + " " + pid + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while sending SIG" + signal + " to " + pid, e);
        }
    }
}
