package dev.tviews.checker.run;

import dev.tviews.checker.oracle.Oracle;
import dev.tviews.checker.oracle.OracleReport;
import dev.tviews.sql.SqlState;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Replays a statement log on a connection (a fresh copy of the starting database, read models
 * created) and runs the oracle wherever the log recorded a check. Statements fail where they
 * failed in the run; the log holds the ROLLBACK TO SAVEPOINT or ROLLBACK that followed, so the
 * replay recovers the same way. The reducer of issue 7 replays shortened logs with this.
 */
public final class LogReplayer {

    private static final String CHECK = "check ";

    /**
     * @param entry    index in the log of the check that found stale read models (or of the statement that raised an engine error)
     * @param report   the oracle's findings at that check
     * @param checks   oracle runs before it stopped
     * @param errors   statements that raised an error (expected ones included)
     */
    public record Outcome(Optional<Integer> entry, Optional<OracleReport> report, int checks, int errors) {
        public boolean failed() {
            return entry.isPresent();
        }
    }

    private LogReplayer() {
    }

    /** Replays {@code entries} until the first check that finds stale read models. */
    public static Outcome replay(Connection c, List<LogEntry> entries, Oracle oracle) throws SQLException {
        c.setAutoCommit(true);
        int checks = 0;
        int errors = 0;
        for (int i = 0; i < entries.size(); i++) {
            LogEntry e = entries.get(i);
            try {
                if (e instanceof LogEntry.Sql s) {
                    try (Statement st = c.createStatement()) {
                        st.execute(s.sql());
                    }
                } else if (e instanceof LogEntry.Copy copy) {
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy.sql(), new StringReader(copy.data()));
                } else if (e instanceof LogEntry.Comment comment && comment.comment().startsWith(CHECK)) {
                    checks++;
                    OracleReport report = oracle.check(c);
                    if (!report.fresh()) {
                        return new Outcome(Optional.of(i), Optional.of(report), checks, errors);
                    }
                }
            } catch (SQLException x) {
                errors++;
            } catch (IOException x) {
                throw new SQLException("COPY could not read its data: " + x.getMessage(), SqlState.IO_ERROR.code(), x);
            }
        }
        return new Outcome(Optional.empty(), Optional.empty(), checks, errors);
    }
}
