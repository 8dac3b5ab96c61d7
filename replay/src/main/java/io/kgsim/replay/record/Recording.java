package io.kgsim.replay.record;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one side of a replay saw: every member's {@link OwnershipEvent}s in time order, the member
 * ids each member got in the order it got them, and when each timeline action actually took
 * effect.
 *
 * @param events    in time order (ties: the order they were recorded)
 * @param memberIds {@code group/member} to the ids it got, first first; sorted by key
 * @param actions   the timeline as it was carried out, in scenario order
 * @param topicIds  scenario topic to the id the cluster gave it (Kafka's string form), sorted by
 *                  topic; empty when the side did not record them
 */
public record Recording(List<OwnershipEvent> events, Map<String, List<String>> memberIds, List<ActionTime> actions,
                        Map<String, String> topicIds) {

    public Recording {
        events = List.copyOf(events);
        TreeMap<String, List<String>> ids = new TreeMap<>();
        memberIds.forEach((member, list) -> ids.put(member, List.copyOf(list)));
        memberIds = Collections.unmodifiableSortedMap(ids);
        actions = List.copyOf(actions);
        topicIds = Collections.unmodifiableSortedMap(new TreeMap<>(topicIds));
    }

    /** A recording without topic ids. */
    public Recording(List<OwnershipEvent> events, Map<String, List<String>> memberIds, List<ActionTime> actions) {
        this(events, memberIds, actions, Map.of());
    }

    /** The same recording with the topic ids the cluster gave the scenario's topics. */
    public Recording withTopicIds(Map<String, String> ids) {
        return new Recording(events, memberIds, actions, ids);
    }

    /**
     * A timeline entry: its index in the scenario's timeline, its label, when the scenario put it
     * and when it took effect (the same in a simulation; a real run can be a few ms late).
     */
    public record ActionTime(int index, String label, long scheduledUs, long actualUs) {
    }
}
