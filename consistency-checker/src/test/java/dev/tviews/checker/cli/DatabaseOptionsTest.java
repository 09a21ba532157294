package dev.tviews.checker.cli;

import dev.tviews.database.LocalPostgresBinaries;
import dev.tviews.database.PostgresOptions;
import dev.tviews.database.PostgresProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** How the shared server options choose a provider, and a server with pg_ivm for the pg-ivm strategy (no server started). */
class DatabaseOptionsTest {

    /** A command holding only the mixin, to parse arguments as every command does. */
    static final class Holder {
        @Mixin
        DatabaseOptions database = new DatabaseOptions();
    }

    @BeforeEach
    void defaultEnvironment() {
        assumeTrue(PostgresOptions.fromEnvironment().provider() == PostgresProvider.EMBEDDED,
                "TVIEWS_JDBC_URL / TVIEWS_PG_PROVIDER choose another server for this run");
    }

    static DatabaseOptions parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.database;
    }

    @Test
    void localProviderWithBinDirectoryAndSettings() {
        PostgresOptions options = parse("--pg-bin", "/opt/pg/bin", "--pg-setting", "work_mem=8MB",
                "--pg-setting", "shared_preload_libraries=pg_stat_statements").toOptions();
        assertThat(options.provider()).isEqualTo(PostgresProvider.LOCAL);
        assertThat(options.pgBin()).contains(Path.of("/opt/pg/bin"));
        assertThat(options.settings()).containsEntry("work_mem", "8MB");
        assertThat(options.majorVersion()).isEqualTo(PostgresOptions.ANY_MAJOR);
        assertThat(parse("--provider", "local", "--pg-major", "16").toOptions().majorVersion()).isEqualTo(16);
        // With --provider local, pg-ivm adds its library to the ones given.
        assertThat(parse("--provider", "local", "--pg-setting", "shared_preload_libraries=pg_stat_statements")
                .toOptionsFor(List.of("tviews-statement", "pg_ivm")).settings())
                .containsEntry("shared_preload_libraries", "pg_stat_statements,pg_ivm");
        assertThatThrownBy(() -> parse("--pg-setting", "work_mem").toOptions())
                .hasMessageContaining("'work_mem' is not NAME=VALUE");
        assertThatThrownBy(() -> parse("--provider", "embedded", "--pg-bin", "/opt/pg/bin").toOptions())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pgIvmWithoutFlagsPicksAnInstalledPostgresWithPgIvmOrElseTheDefault() {
        PostgresOptions options = parse().toOptionsFor(List.of("tviews-statement", "pg-ivm", "hand-written"));
        Optional<LocalPostgresBinaries> withPgIvm = LocalPostgresBinaries.find(PostgresOptions.ANY_MAJOR, List.of("pg_ivm"));
        if (withPgIvm.isPresent()) {
            assertThat(options.provider()).isEqualTo(PostgresProvider.LOCAL);
            assertThat(options.settings()).containsEntry("shared_preload_libraries", "pg_ivm");
        } else {
            assertThat(options.provider()).as("no installation has pg_ivm: the default server, the strategy says why")
                    .isEqualTo(PostgresProvider.EMBEDDED);
        }
        assertThat(parse().toOptionsFor(List.of("tviews-statement")).provider()).isEqualTo(PostgresProvider.EMBEDDED);
        assertThat(parse("--provider", "embedded").toOptionsFor(List.of("pg-ivm")).provider())
                .as("an explicit provider is kept").isEqualTo(PostgresProvider.EMBEDDED);
        assertThat(parse("--jdbc-url", "jdbc:postgresql://db/x").toOptionsFor(List.of("pg-ivm")).provider())
                .isEqualTo(PostgresProvider.EXTERNAL);
        assertThat(PostgresOptions.parseSettings("a=1;b=x,y")).isEqualTo(Map.of("a", "1", "b", "x,y"));
    }
}
