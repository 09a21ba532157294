package dev.tviews.checker.run;

/** One entry of a statement log: SQL that was executed, COPY with its data, or a comment line. */
public sealed interface LogEntry permits LogEntry.Sql, LogEntry.Copy, LogEntry.Comment {

    /** The entry as it appears in the log file (without the final newline). */
    String text();

    /** A statement or transaction command, executed as written. */
    record Sql(String sql) implements LogEntry {
        @Override
        public String text() {
            return sql + ";";
        }
    }

    /** {@code COPY … FROM STDIN} and the rows it read, in COPY text format. */
    record Copy(String sql, String data) implements LogEntry {
        @Override
        public String text() {
            return sql + ";\n" + data + "\\.";
        }
    }

    /**
     * A comment: a header line, a transaction number, a statement's outcome ({@code ok}, {@code error
     * SQLSTATE}) or a check's verdict ({@code check … fresh} / {@code STALE}). Replays skip them.
     */
    record Comment(String comment) implements LogEntry {
        @Override
        public String text() {
            return "-- " + comment.replace("\n", "\n-- ");
        }
    }
}
