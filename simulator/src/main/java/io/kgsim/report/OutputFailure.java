package io.kgsim.report;

/**
 * An output file of a run that could not be written (a chart XChart failed to draw, the
 * report), and why.
 *
 * @param output what failed, in the user's words: "rebalance-moves chart", "report.html"
 */
public record OutputFailure(String output, Throwable error) {
    /** One line for the terminal: the output and the error, without a stack trace. */
    public String message() {
        String why = error.getMessage() == null ? error.getClass().getSimpleName() : error.getClass().getSimpleName() + ": " + error.getMessage();
        return "could not write the " + output + ": " + why;
    }
}
