package dev.tviews.checker.junit;

import dev.tviews.database.FreshDatabase;
import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(PostgresExtension.class)
class TviewsAssertionsTest {

    @Test
    void passesAfterWritesThroughTheEngineAlsoInsideATransaction(FreshDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            UserSchema.create(c);
            UserSchema.execute(c, "UPDATE tb_user SET name = 'Anna' WHERE pk_user = 1");
            TviewsAssertions.assertFresh(c);
            c.setAutoCommit(false);
            UserSchema.execute(c, "DELETE FROM tb_post WHERE pk_post = 2");
            TviewsAssertions.assertFresh(c, "tv_post");
            c.rollback();
        }
    }

    @Test
    void failsWithTheOraclesDiffWhenATviewIsStale(FreshDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            UserSchema.create(c);
            UserSchema.execute(c, "DROP TRIGGER tviews_update ON tb_user"); // the engine no longer sees renames
            UserSchema.execute(c, "UPDATE tb_user SET name = 'Anna' WHERE pk_user = 1");
            AssertionFailedError e = catchThrowableOfType(AssertionFailedError.class, () -> TviewsAssertions.assertFresh(c));
            assertThat(e.getMessage())
                    .contains("tv_user: 0 missing, 0 extra, 1 differing row")
                    .contains("tv_post: 0 missing, 0 extra, 2 differing rows")
                    .contains("$.data.author.name: \"Ann\" ≠ \"Anna\"")
                    .contains("$.data.name: \"Ann\" ≠ \"Anna\"");
            assertThat(e.isExpectedDefined()).isTrue();
            assertThat(String.valueOf(e.getExpected().getValue())).contains("Anna");
            assertThat(String.valueOf(e.getActual().getValue())).contains("\"Ann\"");
            // only the TVIEWs named are checked
            assertThatThrownBy(() -> TviewsAssertions.assertFresh(c, "tv_post")).hasMessageNotContaining("tv_user:");
        }
    }

    @Test
    void saysWhatIsMissing(FreshDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> TviewsAssertions.assertFresh(c)).isInstanceOf(AssertionFailedError.class)
                    .hasMessageContaining("is the tviews runtime installed?");
            UserSchema.create(c);
            assertThatThrownBy(() -> TviewsAssertions.assertFresh(c, "tv_nope"))
                    .hasMessageContaining("no TVIEW named [tv_nope]").hasMessageContaining("tv_user");
        }
    }
}
