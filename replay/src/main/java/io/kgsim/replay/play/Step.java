package io.kgsim.replay.play;

import io.kgsim.scenario.MemberRef;

import java.util.List;

/**
 * One thing the real run does at one scenario time: a timeline action becomes one or more
 * steps (a scale several starts or stops, a rolling restart a stop and a start per member).
 *
 * @param atUs   scenario time, µs
 * @param action the index of the timeline entry it carries out, or -1 for the initial members
 */
record Step(long atUs, int action, Op op) {

    /** What a step does to a member process, a topic or nothing. */
    sealed interface Op {
    }

    /**
     * A new process for {@code member}: a member's first start, a restart, or a rolling
     * restart's replacement. It starts once the member's previous process has closed.
     *
     * @param process numbers the processes of a run in plan order: the slot its pre-spawned JVM fills
     */
    record Start(MemberRef member, int number, List<String> topics, int process) implements Op {
        Start {
            topics = List.copyOf(topics);
        }
    }

    /** Graceful close. */
    record Stop(MemberRef member) implements Op {
    }

    /** SIGKILL. */
    record Kill(MemberRef member) implements Op {
    }

    /** SIGSTOP now, SIGCONT {@code durationUs} later. */
    record GcPause(MemberRef member, long durationUs) implements Op {
    }

    /** The poll loop stands still for {@code durationUs}. */
    record Stall(MemberRef member, long durationUs) implements Op {
    }

    record AddPartitions(String topic, int count) implements Op {
    }

    record Subscribe(MemberRef member, List<String> topics) implements Op {
        Subscribe {
            topics = List.copyOf(topics);
        }
    }
}
