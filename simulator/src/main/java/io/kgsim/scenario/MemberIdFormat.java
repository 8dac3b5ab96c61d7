package io.kgsim.scenario;

import java.util.regex.Pattern;

/**
 * What a member id given in a scenario must look like, by the group's protocol, so that it is an
 * id Kafka could have produced:
 * <ul>
 * <li>classic: the coordinator makes every id, as {@code ClassicGroup.generateMemberId} does:
 *     the client's {@code client.id} (or {@code group.instance.id} for a static member), a
 *     {@code -}, and a {@code java.util.UUID} in its canonical form. The prefix is the real
 *     client's and is kept as given: it takes part in the order the assignors sort ids in.</li>
 * <li>consumer: the client makes its id ({@code Uuid.randomUuid()}), and the coordinator refuses
 *     only a blank one ({@code throwIfConsumerGroupHeartbeatRequestIsInvalid}: "MemberId can't be
 *     empty."); any other string is accepted as the broker accepts it.</li>
 * </ul>
 */
public final class MemberIdFormat {
    private static final Pattern CLASSIC = Pattern.compile(".*-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Kafka's protocol strings carry an int16 length. */
    private static final int MAX_LENGTH = Short.MAX_VALUE;

    private MemberIdFormat() {
    }

    /** The reason {@code id} cannot be a member id of a {@code protocol} group, or null when it can. */
    static String problem(GroupProtocol protocol, String id) {
        if (id.isBlank()) {
            return "a member id must not be blank (Kafka's coordinator refuses it: \"MemberId can't be empty.\")";
        }
        if (id.length() > MAX_LENGTH) {
            return "a member id is at most " + MAX_LENGTH + " characters (a Kafka protocol string), found " + id.length();
        }
        if (protocol == GroupProtocol.CLASSIC && !CLASSIC.matcher(id).matches()) {
            return "a classic-protocol member id is made by the coordinator as <client.id or group.instance.id>-<UUID> "
                    + "(e.g. c1-4b8f2a7e-1c3d-4e5f-9a0b-1c2d3e4f5a6b), found '" + id + "'";
        }
        return null;
    }

    /**
     * Checks every fixed id of {@code group} against its protocol, after a strategy given on the
     * command line may have changed it ({@code because} says so in the message, e.g. "strategy sticky").
     */
    public static void check(GroupSpec group, String because) throws ScenarioException {
        for (FixedMemberIds m : group.memberIds()) {
            for (int i = 0; i < m.ids().size(); i++) {
                String problem = problem(group.config().protocol(), m.ids().get(i));
                if (problem != null) {
                    throw new ScenarioException(m.at(i), "group '" + group.groupId() + "', member " + m.name() + " ("
                            + group.config().protocol().configValue() + " protocol, as " + because + " sets): " + problem);
                }
            }
        }
    }
}
