package dev.tviews.checker.explore;

import dev.tviews.checker.generate.DataState;
import dev.tviews.checker.generate.Step;
import dev.tviews.checker.generate.StepKind;
import dev.tviews.checker.generate.Weights;
import dev.tviews.checker.generate.WorkloadGenerator;
import dev.tviews.checker.run.CheckSession;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Draws short session scripts from the scenario's catalog with the checker's own generator. Each
 * session's statements are generated from the data as it is at the start (every session of a
 * permutation starts there), inside a transaction that is rolled back afterwards: a statement
 * sees what the same session's earlier statements wrote, and one the data refuses is dropped, so
 * every kept statement is one the schema accepts when its session runs alone.
 */
final class ScriptGenerator {

    /** Statement kinds an isolation-tester step can hold (no COPY … FROM STDIN) that do not fail by design. */
    static Weights weights() {
        Map<StepKind, Double> w = new EnumMap<>(Weights.defaults().statements());
        w.keySet().removeIf(k -> k.mustFail() || k == StepKind.COPY || k == StepKind.TRUNCATE);
        Weights d = Weights.defaults();
        return new Weights(w, 0.0, 0.0, 100, 0.0, d.guardRisky());
    }

    private final CheckSession session;

    ScriptGenerator(CheckSession session) {
        this.session = session;
    }

    /** {@code sessions} scripts of {@code statements} statements and COMMIT each, drawn from {@code seed}. */
    SessionScripts generate(long seed, int sessions, int statements, String isolationLevel) throws SQLException {
        List<List<String>> all = new ArrayList<>();
        for (int s = 1; s <= sessions; s++) {
            all.add(statements(seed * 31 + s, statements));
        }
        return SessionScripts.committing(isolationLevel, all);
    }

    private List<String> statements(long seed, int count) throws SQLException {
        Connection c = session.connection();
        List<String> kept = new ArrayList<>();
        execute(c, "BEGIN");
        try {
            WorkloadGenerator generator = new WorkloadGenerator(new DataState(c, session.catalog()), seed, weights());
            for (int attempt = 0; kept.size() < count && attempt < count * 20; attempt++) {
                Step step = generator.next();
                if (!(step instanceof Step.Statement statement) || statement.sql().contains("\n")) {
                    continue;
                }
                execute(c, "SAVEPOINT explore_generate");
                try {
                    execute(c, statement.sql());
                    execute(c, "RELEASE SAVEPOINT explore_generate");
                    kept.add(statement.sql());
                    generator.state().written(statement.writes(), statement.insertOnly());
                } catch (SQLException e) {
                    execute(c, "ROLLBACK TO SAVEPOINT explore_generate");
                    generator.state().allDirty();
                }
            }
        } finally {
            execute(c, "ROLLBACK");
        }
        return kept;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
