package io.kgsim.report;

import io.kgsim.metrics.MemberTimeline;
import io.kgsim.metrics.MemberTimeline.Interval;
import io.kgsim.metrics.MemberTimeline.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Member-state intervals reduced to one column per pixel: in each column a member shows the most
 * disruptive state it was in at any moment of it (stopped, then paused, joining, revoking,
 * stable), which is what overdrawing every segment would show, at a cost bounded by the plot's
 * pixels instead of the run's rebalances.
 */
final class TimelineColumns {
    private TimelineColumns() {
    }

    /**
     * @param rowOf   row index of each member ("group/member" when {@code many}, else the member)
     * @param columns how many columns the run's duration is cut into
     * @return runs of equal columns, per row, as intervals
     */
    static List<Interval> of(List<Interval> intervals, boolean many, Map<String, Integer> rowOf, int rows, long durationUs, int columns) {
        long span = Math.max(1, durationUs);
        byte[][] worst = new byte[rows][columns];
        for (byte[] r : worst) {
            Arrays.fill(r, (byte) -1);
        }
        String[] group = new String[rows];
        String[] member = new String[rows];
        for (Interval i : intervals) {
            int row = rowOf.get(many ? i.group() + "/" + i.member() : i.member());
            group[row] = i.group();
            member[row] = i.member();
            int from = column(i.startUs(), span, columns);
            int to = column(Math.max(i.startUs(), i.endUs() - 1), span, columns);
            byte severity = (byte) i.state().ordinal();
            byte[] r = worst[row];
            for (int k = from; k <= to; k++) {
                if (r[k] < severity) {
                    r[k] = severity;
                }
            }
        }
        State[] states = MemberTimeline.State.values();
        List<Interval> out = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            byte[] r = worst[row];
            int k = 0;
            while (k < columns) {
                int start = k;
                while (k < columns && r[k] == r[start]) {
                    k++;
                }
                if (r[start] >= 0) {
                    out.add(new Interval(group[row], member[row], states[r[start]], start * span / columns, k * span / columns));
                }
            }
        }
        return out;
    }

    private static int column(long timeUs, long span, int columns) {
        return (int) Math.max(0, Math.min(columns - 1, timeUs * columns / span));
    }
}
