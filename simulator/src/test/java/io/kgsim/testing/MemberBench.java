package io.kgsim.testing;

import io.kgsim.cluster.Partitions;
import io.kgsim.engine.Durations;
import io.kgsim.engine.Simulation;
import io.kgsim.protocol.GroupEvent;
import io.kgsim.protocol.GroupEventType;
import io.kgsim.protocol.MemberHost;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * What a one-member protocol test bench has whatever the protocol: the simulation on a fixed
 * 1 ms network, the events the member emitted, a stub application, and a mark that lets a test
 * look only at what followed it. Each protocol's harness adds its member and scripted coordinator.
 */
public abstract class MemberBench {
    public static final long SEED = 42;

    public final Simulation sim = new Simulation(SEED);
    public final StubHost host = new StubHost();
    public final List<GroupEvent> events = new ArrayList<>();
    private int eventMark;
    private int requestMark;

    /** Every request the member sent the scripted coordinator, in order. */
    protected abstract List<Object> requests();

    /** Runs the simulation {@code ms} further (answers are 1 ms each way). */
    public void run(long ms) {
        sim.run(sim.now() + Durations.ms(ms));
    }

    /** Lets requests and answers cross the network. */
    public void settle() {
        run(5);
    }

    /** Forgets what was sent and emitted so far: the next assertions see only what follows. */
    public void mark() {
        eventMark = events.size();
        requestMark = requests().size();
    }

    public List<GroupEventType> eventsSinceMark() {
        List<GroupEventType> out = new ArrayList<>();
        for (GroupEvent e : events.subList(eventMark, events.size())) {
            out.add(e.type());
        }
        return out;
    }

    public List<GroupEvent> eventsOf(GroupEventType type) {
        List<GroupEvent> out = new ArrayList<>();
        for (GroupEvent e : events.subList(eventMark, events.size())) {
            if (e.type() == type) {
                out.add(e);
            }
        }
        return out;
    }

    /** The requests sent since the mark, in order. */
    protected List<Object> requestsSince() {
        return requests().subList(requestMark, requests().size());
    }

    /** The application: counts wake-ups, reports the positions a test chose, records removals. */
    public static final class StubHost implements MemberHost {
        public int wakeups;
        public final SortedMap<TopicPartition, Long> positions = new TreeMap<>(Partitions.ORDER);
        public final List<List<TopicPartition>> removed = new ArrayList<>();

        @Override
        public void wakeup() {
            wakeups++;
        }

        @Override
        public SortedMap<TopicPartition, Long> consumedPositions(Collection<TopicPartition> partitions) {
            SortedMap<TopicPartition, Long> out = new TreeMap<>(Partitions.ORDER);
            for (TopicPartition tp : partitions) {
                if (positions.containsKey(tp)) {
                    out.put(tp, positions.get(tp));
                }
            }
            return out;
        }

        @Override
        public void partitionsRemoved(List<TopicPartition> partitions) {
            removed.add(List.copyOf(partitions));
        }
    }
}
