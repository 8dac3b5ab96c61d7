package io.kgsim.scenario;

/** One timeline action, when it happens, and where the file says so. */
public record TimelineEntry(long atUs, TimelineAction action, Location location) {
}
