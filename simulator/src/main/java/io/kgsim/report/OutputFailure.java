package io.kgsim.report;

/**
 * An output file of a run that could not be written (a chart XChart failed to draw, the
 * report), and why.
 *
 * @param output what failed, in the user's words: "rebalance-moves chart", "report.html"
 */
public record OutputFailure(String output, Throwable error) {
    /** A run chart (both its PNG and SVG) that could not be written. */
    public static OutputFailure chart(String chart, Throwable error) {
        return new OutputFailure(chart + " chart", error);
    }

    public boolean isChart(String chart) {
        return output.equals(chart + " chart");
    }

    /** One line for the terminal: the output and the error, without a stack trace. */
    public String message() {
        return "could not write the " + output + ": " + reason();
    }

    /** The error in one line: its type and message. */
    public String reason() {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
