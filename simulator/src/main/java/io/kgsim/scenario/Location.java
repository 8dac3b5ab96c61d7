package io.kgsim.scenario;

/** A place in a scenario file, as error messages print it: {@code file:line:column}. */
public record Location(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
