package io.kgsim.replay.cli;

import io.kgsim.cli.CommandPlugin;

/** Adds {@code replay} to kgsim's command line when this module is on the class path. */
public final class ReplayPlugin implements CommandPlugin {
    @Override
    public String name() {
        return "replay";
    }

    @Override
    public Object command() {
        return new ReplayCommand();
    }
}
