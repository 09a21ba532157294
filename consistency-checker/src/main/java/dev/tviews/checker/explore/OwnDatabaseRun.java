package dev.tviews.checker.explore;

import dev.tviews.checker.explore.Interleavings.StepRef;
import dev.tviews.checker.oracle.Oracle;
import dev.tviews.checker.oracle.OracleReport;
import dev.tviews.checker.reproduce.ScriptReplayer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The interleavings of given scripts on a database the caller owns (a user's test database), which
 * the caller's {@link Reset} brings back to the same data before every permutation: for the JUnit
 * API ({@code TviewsInterleavings}).
 *
 * @param permutations permutations run
 * @param stale        the first permutation that left stale read models, its steps as they started, with their SQL
 * @param report       the oracle's report after it
 */
public record OwnDatabaseRun(int permutations, Optional<String> stale, Optional<OracleReport> report) {

    /** Runs before each permutation on a connection of its own (autocommit): resets the data. */
    @FunctionalInterface
    public interface Reset {
        void run(Connection connection) throws SQLException;
    }

    public static OwnDatabaseRun run(ScriptReplayer.Connector connector, Reset reset, SessionScripts scripts, Oracle oracle,
                                     int limit, long seed) throws SQLException, InterruptedException {
        int run = 0;
        for (List<StepRef> permutation : Interleavings.of(scripts.lengths(), limit, seed)) {
            try (Connection c = connector.connect()) {
                c.setAutoCommit(true);
                reset.run(c);
            }
            PermutationRunner.Outcome o = PermutationRunner.run(connector, scripts, permutation, oracle);
            run++;
            if (!o.fresh()) {
                StringBuilder steps = new StringBuilder(InterleavingExplorer.names(o.started()));
                for (StepRef r : o.started()) {
                    steps.append("\n  ").append(r.name()).append(": ").append(scripts.sql(r));
                }
                return new OwnDatabaseRun(run, Optional.of(steps.toString()), Optional.of(o.report()));
            }
        }
        return new OwnDatabaseRun(run, Optional.empty(), Optional.empty());
    }
}
