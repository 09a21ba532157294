package dev.tviews.checker.cli;

import dev.tviews.checker.reproduce.Script;
import dev.tviews.checker.reproduce.ScriptBlock;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.junit.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code replay}: a hand-written reproducer, with and without its breakage, in one and in two sessions. */
@ExtendWith(PostgresExtension.class)
class ReplayCommandTest {

    private static final List<ScriptBlock> SETUP = List.of(
            new ScriptBlock.Sql("schema", "CREATE TABLE tb_team (pk_team int PRIMARY KEY, name text NOT NULL);\n"
                    + "CREATE TABLE tb_person (pk_person int PRIMARY KEY, fk_team int REFERENCES tb_team)"),
            new ScriptBlock.Sql("data", "INSERT INTO tb_team VALUES (1, 'a'), (2, 'b'); INSERT INTO tb_person VALUES (1, 1)"),
            new ScriptBlock.Install("statement"),
            new ScriptBlock.Create("tv_team", "pk_team", List.of(),
                    "SELECT t.pk_team, t.name, (SELECT count(*) FROM tb_person p WHERE p.fk_team = t.pk_team) AS people FROM tb_team t"));

    private static int replay(PostgresServer server, Path file, StringWriter out) {
        CommandLine cl = new CommandLine(new ReplayCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        return cl.execute(file.toString(), "--jdbc-url", CliTests.url(server));
    }

    private static Path write(Path dir, String name, List<ScriptBlock> blocks) throws Exception {
        Path file = dir.resolve(name);
        new Script(List.of("a test's reproducer"), blocks).write(file);
        return file;
    }

    @Test
    void aReproducerWithItsBreakageReproducesAndWithoutItDoesNot(PostgresServer server, @TempDir Path dir) throws Exception {
        List<ScriptBlock> steps = List.of(new ScriptBlock.Step(1, "UPDATE tb_team SET name = 'c' WHERE pk_team = 1", ""));
        List<ScriptBlock> broken = new ArrayList<>(SETUP);
        broken.add(new ScriptBlock.Sql("breakage", "DROP TRIGGER IF EXISTS tviews_update ON tb_team"));
        broken.addAll(steps);
        StringWriter out = new StringWriter();
        assertThat(replay(server, write(dir, "broken.sql", broken), out)).as(out.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("1 statements on 1 session").contains("REPRODUCED after step 1")
                .contains("tv_team").contains("\"c\"");

        List<ScriptBlock> correct = new ArrayList<>(SETUP);
        correct.addAll(steps);
        StringWriter fresh = new StringWriter();
        assertThat(replay(server, write(dir, "correct.sql", correct), fresh)).as(fresh.toString()).isZero();
        assertThat(fresh.toString()).contains("did not reproduce");
    }

    /**
     * With the concurrency protocol off, session 2's refresh computes the count without session 1's
     * uncommitted person, waits for session 1's row lock, and writes its stale count after session 1
     * commits. The replay must hold session 2's blocked statement and run session 1's COMMIT.
     */
    @Test
    void twoSessionsRunInTheRecordedOrderThroughABlockedStatement(PostgresServer server, @TempDir Path dir) throws Exception {
        List<ScriptBlock> steps = List.of(
                new ScriptBlock.Step(1, "BEGIN", ""),
                new ScriptBlock.Step(1, "INSERT INTO tb_person VALUES (2, 2)", ""),
                new ScriptBlock.Step(2, "BEGIN", ""),
                new ScriptBlock.Step(2, "INSERT INTO tb_person VALUES (3, 2)", ""),
                new ScriptBlock.Step(1, "COMMIT", ""),
                new ScriptBlock.Step(2, "COMMIT", ""));
        List<ScriptBlock> broken = new ArrayList<>(SETUP);
        broken.add(new ScriptBlock.Sql("breakage",
                "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET tviews.locking = off', current_database()); END $$"));
        broken.addAll(steps);
        StringWriter out = new StringWriter();
        assertThat(replay(server, write(dir, "race.sql", broken), out)).as(out.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("on 2 sessions").contains("REPRODUCED").contains("tv_team");

        List<ScriptBlock> locked = new ArrayList<>(SETUP);
        locked.addAll(steps);
        StringWriter fresh = new StringWriter();
        assertThat(replay(server, write(dir, "locked.sql", locked), fresh)).as(fresh.toString()).isZero();
    }

    @Test
    void aMissingOrMalformedFileExitsWithTwo(PostgresServer server, @TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        assertThat(replay(server, dir.resolve("nope.sql"), out)).isEqualTo(2);
        assertThat(out.toString()).contains("no reproducer at");
        Path bad = dir.resolve("bad.sql");
        java.nio.file.Files.writeString(bad, "-- tviews:teleport\n");
        StringWriter out2 = new StringWriter();
        assertThat(replay(server, bad, out2)).isEqualTo(2);
        assertThat(out2.toString()).contains("unknown directive");
    }
}
