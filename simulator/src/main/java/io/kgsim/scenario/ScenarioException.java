package io.kgsim.scenario;

/**
 * Bad input: a scenario that cannot be run as written. The message is one paragraph that names
 * the place, what was found and what was expected, because it is printed to the user as is
 * (never with a stack trace) and the CLI exits with code 2.
 */
public final class ScenarioException extends Exception {
    private final Location location;

    public ScenarioException(Location location, String message) {
        super(location == null ? message : location + ": " + message);
        this.location = location;
    }

    public Location location() {
        return location;
    }
}
