package dev.tviews.checker.junit;

import dev.tviews.database.FreshDatabase;
import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The extension as a user's suite would use it: example test classes (static nested, so that
 * Surefire does not run them itself) are launched from here against a real database; one of their
 * tests leaves a TVIEW stale and must fail with the oracle's diff, the others must pass.
 */
@ExtendWith(PostgresExtension.class)
class TviewsFreshnessTest {

    static DataSource dataSource;
    private static volatile boolean launching;

    /** The example classes run only when launched from here, not when a wildcard selects them in Surefire. */
    static boolean launched() {
        return launching;
    }

    /** A writer that goes through the engine, and one that disables the engine first. */
    static void write(boolean breakEngine) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            if (breakEngine) {
                UserSchema.execute(c, "DROP TRIGGER tviews_update ON tb_post");
            }
            UserSchema.execute(c, "UPDATE tb_post SET title = title || '!' WHERE pk_post = 1");
        }
    }

    @ExtendWith(TviewsFreshness.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @EnabledIf("dev.tviews.checker.junit.TviewsFreshnessTest#launched")
    static class DeclarativeExample {
        @TviewsDatabase
        DataSource db = dataSource;

        @Test
        @Order(1)
        void goodCode() throws Exception {
            write(false);
        }

        @Test
        @Order(2)
        void codeThatLeavesATviewStale() throws Exception {
            write(true);
        }
    }

    @EnabledIf("dev.tviews.checker.junit.TviewsFreshnessTest#launched")
    static class ProgrammaticExample {
        @RegisterExtension
        static TviewsFreshness fresh = TviewsFreshness.using(() -> dataSource.getConnection(), "tv_post");

        @Test
        void goodCode() throws Exception {
            write(false);
        }
    }

    @EnabledIf("dev.tviews.checker.junit.TviewsFreshnessTest#launched")
    static class MisconfiguredExample {
        @RegisterExtension
        static TviewsFreshness fresh = new TviewsFreshness();

        @Test
        void anything() {
        }
    }

    private static TestExecutionSummary launch(Class<?> example) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(example)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launching = true;
        try {
            launcher.execute(request, listener);
        } finally {
            launching = false;
        }
        return listener.getSummary();
    }

    private static DataSource dataSource(FreshDatabase db) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.jdbcUrl());
        db.connectionProperties().forEach((k, v) -> {
            try {
                ds.setProperty(k.toString(), v.toString());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return ds;
    }

    @Test
    void failsTheTestThatLeftATviewStaleWithTheDiff(FreshDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            UserSchema.create(c);
        }
        dataSource = dataSource(db);
        TestExecutionSummary summary = launch(DeclarativeExample.class);
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        List<TestExecutionSummary.Failure> failures = summary.getFailures();
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.getTestIdentifier().getDisplayName()).contains("codeThatLeavesATviewStale");
            assertThat(f.getException().getMessage()).contains("tv_post: 0 missing, 0 extra, 1 differing row")
                    .contains("$.data.title: \"Hello!\" ≠ \"Hello!!\"");
        });
    }

    @Test
    void programmaticRegistrationChecksTheNamedTviews(FreshDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            UserSchema.create(c);
        }
        dataSource = dataSource(db);
        TestExecutionSummary summary = launch(ProgrammaticExample.class);
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getFailures()).isEmpty();
        assertThat(launch(MisconfiguredExample.class).getFailures()).singleElement()
                .satisfies(f -> assertThat(f.getException().getMessage()).contains("no field annotated @TviewsDatabase"));
    }
}
