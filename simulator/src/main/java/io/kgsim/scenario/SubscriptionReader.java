package io.kgsim.scenario;

import java.util.Collection;
import java.util.List;

/**
 * Reads a {@code subscription} key, a group's or one member's: topic names, each one of the
 * scenario's topics, so a typo is refused where it is written with the nearest topic name.
 */
final class SubscriptionReader {
    private SubscriptionReader() {
    }

    /**
     * The topics under {@code subscription} in {@code m}, in file order; empty when the key is
     * absent or empty (the caller says whether that is allowed).
     *
     * @param who    who subscribes, as an error names it: {@code group 'billing'}, {@code member c1 of group 'billing'}
     * @param topics the scenario's topic names
     */
    static List<String> read(MappingReader m, String who, Collection<String> topics) throws ScenarioException {
        List<String> subscription = m.stringList("subscription");
        for (int i = 0; i < subscription.size(); i++) {
            if (!topics.contains(subscription.get(i))) {
                throw new ScenarioException(m.list("subscription").get(i).location(), who + " subscribes to the unknown topic '"
                        + subscription.get(i) + "'" + Suggestions.didYouMean(subscription.get(i), topics));
            }
        }
        return List.copyOf(subscription);
    }
}
