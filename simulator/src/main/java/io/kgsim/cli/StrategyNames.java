package io.kgsim.cli;

import io.kgsim.assignor.Strategies;
import java.util.Iterator;

/** What the shell completes after {@code --strategy} and {@code --strategies}: the built-in names. */
final class StrategyNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Strategies.builtInNames().iterator();
    }
}
