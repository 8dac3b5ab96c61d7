package io.kgsim.scenario;

/**
 * An assignment strategy as a scenario names it: the short name kgsim prints, the group
 * protocol it belongs to, and the assignor class that implements it.
 */
public record Strategy(String name, GroupProtocol protocol, String className) {
}
