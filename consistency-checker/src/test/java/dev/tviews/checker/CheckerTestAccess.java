package dev.tviews.checker;

import dev.tviews.checker.run.CheckSession;
import dev.tviews.database.PostgresServer;

import java.sql.SQLException;

/** Opens {@link CheckerTests} to tests in sub-packages. */
public final class CheckerTestAccess {

    private CheckerTestAccess() {
    }

    /** The test run's shared scenario templates on {@code server}. */
    public static dev.tviews.checker.run.ScenarioTemplates templates(PostgresServer server) {
        return CheckerTests.templates(server);
    }

    public static CheckSession session(PostgresServer server, String scenario, String scale, String engine) throws SQLException {
        return CheckerTests.session(server, scenario, scale, engine);
    }
}
