package io.kgsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kgsim.metrics.MemberTimeline.Interval;
import io.kgsim.metrics.MemberTimeline.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineColumnsTest {
    @Test
    void aColumnShowsTheMostDisruptiveStateAndEqualColumnsMerge() {
        // 10 s in 10 columns of 1 s. c1: stable, a 1 ms revocation at 3.5 s, joining 6.2-7.1 s.
        List<Interval> in = List.of(
                new Interval("g", "c1", State.STABLE, 0, 3_500_000),
                new Interval("g", "c1", State.REVOKING, 3_500_000, 3_501_000),
                new Interval("g", "c1", State.STABLE, 3_501_000, 6_200_000),
                new Interval("g", "c1", State.JOINING, 6_200_000, 7_100_000),
                new Interval("g", "c1", State.STABLE, 7_100_000, 10_000_000),
                new Interval("g", "c2", State.STOPPED, 0, 5_000_000));
        List<Interval> out = TimelineColumns.of(in, false, Map.of("c1", 0, "c2", 1), 2, 10_000_000, 10);
        assertEquals(List.of(
                new Interval("g", "c1", State.STABLE, 0, 3_000_000),
                // The millisecond of revocation stays visible: a whole column.
                new Interval("g", "c1", State.REVOKING, 3_000_000, 4_000_000),
                new Interval("g", "c1", State.STABLE, 4_000_000, 6_000_000),
                new Interval("g", "c1", State.JOINING, 6_000_000, 8_000_000),
                new Interval("g", "c1", State.STABLE, 8_000_000, 10_000_000),
                // Nothing is drawn where a member has no interval.
                new Interval("g", "c2", State.STOPPED, 0, 5_000_000)), out);
    }
}
