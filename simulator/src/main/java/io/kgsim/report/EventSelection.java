package io.kgsim.report;

import io.kgsim.protocol.GroupEventType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Event types chosen by name, as {@code --log-events} takes them: trace names
 * ({@code member-removed}) or globs over them ({@code partitions-*}).
 */
public final class EventSelection {
    private EventSelection() {
    }

    /**
     * @throws IllegalArgumentException naming the pattern that matches no event, and every event name
     */
    public static Set<GroupEventType> parse(List<String> patterns) {
        Set<GroupEventType> chosen = EnumSet.noneOf(GroupEventType.class);
        for (String raw : patterns) {
            String pattern = raw.trim();
            Pattern glob = Pattern.compile(Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
            Set<GroupEventType> matched = EnumSet.noneOf(GroupEventType.class);
            for (GroupEventType t : GroupEventType.values()) {
                if (glob.matcher(t.traceName()).matches()) {
                    matched.add(t);
                }
            }
            if (matched.isEmpty()) {
                throw new IllegalArgumentException("'" + pattern + "' names no event; events are: " + allNames()
                        + " (a '*' matches any text, e.g. partitions-*)");
            }
            chosen.addAll(matched);
        }
        return chosen;
    }

    /** Every event's trace name, in declaration order. */
    public static String allNames() {
        return Arrays.stream(GroupEventType.values()).map(GroupEventType::traceName).collect(Collectors.joining(", "));
    }
}
