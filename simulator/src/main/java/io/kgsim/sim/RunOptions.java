package io.kgsim.sim;

import io.kgsim.assignor.AssignorCall;
import io.kgsim.protocol.GroupEventListener;
import java.util.List;

/**
 * How to run a scenario.
 *
 * @param strictInvariants throw at the first invariant violation (tests) instead of counting it
 * @param listeners        extra observers of group events (the trace writer, tests)
 * @param assignorCalls    observer of every real assignor call, or null
 */
public record RunOptions(boolean strictInvariants, List<GroupEventListener> listeners, AssignorCall.Listener assignorCalls) {
    public static RunOptions defaults() {
        return new RunOptions(false, List.of(), null);
    }

    public static RunOptions strict() {
        return new RunOptions(true, List.of(), null);
    }

    public RunOptions withListener(GroupEventListener l) {
        List<GroupEventListener> all = new java.util.ArrayList<>(listeners);
        all.add(l);
        return new RunOptions(strictInvariants, List.copyOf(all), assignorCalls);
    }

    public RunOptions withAssignorCalls(AssignorCall.Listener l) {
        return new RunOptions(strictInvariants, listeners, l);
    }
}
