package io.kgsim.sim;

import io.kgsim.engine.Durations;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventListener;
import io.kgsim.protocol.GroupEventType;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the members that failed fatally ({@code member-failed}: GROUP_MAX_SIZE_REACHED,
 * INVALID_SESSION_TIMEOUT, FENCED_INSTANCE_ID, an exception from the leader's assignor), so a
 * run says so in its printed summary and in {@code summary.json}'s {@code warnings} instead of
 * leaving it to be found in the trace.
 */
final class MemberFailures implements GroupEventListener {
    /** Enough to see a pattern; a run that fails members in a loop says how many more. */
    private static final int KEPT = 20;
    private final List<String> messages = new ArrayList<>();
    private int count;

    @Override
    public void on(GroupEvent e) {
        if (e.type() != GroupEventType.MEMBER_FAILED) {
            return;
        }
        count++;
        if (count <= KEPT) {
            messages.add("group " + e.group() + ": member " + e.member() + " failed at " + Durations.format(e.timeUs()) + ": " + e.reason()
                    + " (fatal for the client: poll() threw and the application stopped)");
        }
    }

    List<String> warnings() {
        List<String> out = new ArrayList<>(messages);
        if (count > KEPT) {
            out.add((count - KEPT) + " more member failures (member-failed in trace.jsonl)");
        }
        return out;
    }
}
