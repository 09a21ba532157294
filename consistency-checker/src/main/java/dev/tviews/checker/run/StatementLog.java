package dev.tviews.checker.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a run executed, in order, as a plain SQL script that psql can replay
 * ({@code psql -f log.sql} on a fresh copy of the starting database): one statement per line
 * ending in {@code ;}, {@code COPY … FROM STDIN;} followed by its rows and {@code \.}, comments
 * ({@code --}) for transaction numbers, outcomes and the oracle's verdicts. Statements that
 * failed are followed by the ROLLBACK TO SAVEPOINT or ROLLBACK that the run issued, so a replay
 * sees the same errors and recovers the same way. Kept in memory, streamed to a file, or both.
 */
public final class StatementLog implements AutoCloseable {

    private final List<LogEntry> entries;
    private final BufferedWriter file;
    private final Path path;

    private StatementLog(boolean memory, Path path) {
        this.entries = memory ? new ArrayList<>() : null;
        this.path = path;
        try {
            this.file = path == null ? null : Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the statement log to " + path + ": " + e.getMessage(), e);
        }
    }

    public static StatementLog inMemory() {
        return new StatementLog(true, null);
    }

    /** Streams to {@code path} as the run goes (so a long run keeps nothing in memory). */
    public static StatementLog toFile(Path path) {
        return new StatementLog(false, path);
    }

    /** Streams to {@code path} and keeps the entries in memory. */
    public static StatementLog both(Path path) {
        return new StatementLog(true, path);
    }

    public void sql(String sql) {
        if (sql.indexOf('\n') >= 0 || sql.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a logged statement must be one line, so that the log replays: " + sql);
        }
        add(new LogEntry.Sql(sql));
    }

    public void copy(String sql, String data) {
        add(new LogEntry.Copy(sql, data));
    }

    public void comment(String comment) {
        add(new LogEntry.Comment(comment));
    }

    private void add(LogEntry e) {
        if (entries != null) {
            entries.add(e);
        }
        if (file != null) {
            try {
                file.write(e.text());
                file.write('\n');
            } catch (IOException x) {
                throw new UncheckedIOException("cannot write the statement log to " + path + ": " + x.getMessage(), x);
            }
        }
    }

    /** Where the log is streamed, if anywhere. */
    public java.util.Optional<Path> path() {
        return java.util.Optional.ofNullable(path);
    }

    /** The entries kept in memory, or read back from the file. */
    public List<LogEntry> entries() {
        if (entries != null) {
            return List.copyOf(entries);
        }
        flush();
        try {
            return parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the statement log " + path + ": " + e.getMessage(), e);
        }
    }

    /** The whole log as text. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (LogEntry e : entries()) {
            sb.append(e.text()).append('\n');
        }
        return sb.toString();
    }

    /** Writes the log to {@code target} (e.g. after a failure of an in-memory run). */
    public void writeTo(Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, text(), StandardCharsets.UTF_8);
    }

    public void flush() {
        if (file != null) {
            try {
                file.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Reads a log written by {@link #text()} back into entries. */
    public static List<LogEntry> parse(String text) {
        List<LogEntry> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("-- ")) {
                out.add(new LogEntry.Comment(line.substring(3)));
            } else if (line.startsWith("--")) {
                out.add(new LogEntry.Comment(line.substring(2)));
            } else if (line.startsWith("COPY ") && line.endsWith(" FROM STDIN;")) {
                StringBuilder data = new StringBuilder();
                i++;
                while (i < lines.length && !lines[i].equals("\\.")) {
                    data.append(lines[i]).append('\n');
                    i++;
                }
                out.add(new LogEntry.Copy(line.substring(0, line.length() - 1), data.toString()));
            } else {
                if (!line.endsWith(";")) {
                    throw new IllegalArgumentException("line " + (i + 1) + " of the statement log is neither a comment nor "
                            + "a statement ending in ';': " + line);
                }
                out.add(new LogEntry.Sql(line.substring(0, line.length() - 1)));
            }
        }
        return out;
    }
}
