package dev.tviews.reports.model;

/** A results folder, or a file in it, that cannot be read; the message names the file and what to do. */
public class ResultsFormatException extends RuntimeException {
    public ResultsFormatException(String message) {
        super(message);
    }

    public ResultsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
