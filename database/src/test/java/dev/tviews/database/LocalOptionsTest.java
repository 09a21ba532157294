package dev.tviews.database;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the environment and system properties choose the local provider and extra settings (no server). */
class LocalOptionsTest {

    @Test
    void binDirectoryOrProviderChooseLocalAndPropertiesWinOverEnvironment() {
        PostgresOptions byBin = PostgresOptions.fromSources(Map.of("TVIEWS_PG_BIN", "/usr/lib/postgresql/16/bin"), name -> null);
        assertThat(byBin.provider()).isEqualTo(PostgresProvider.LOCAL);
        assertThat(byBin.pgBin()).contains(Path.of("/usr/lib/postgresql/16/bin"));
        assertThat(byBin.majorVersion()).isEqualTo(PostgresOptions.ANY_MAJOR);

        PostgresOptions byProperty = PostgresOptions.fromSources(Map.of("TVIEWS_PG_PROVIDER", "embedded"),
                name -> switch (name) {
                    case PostgresOptions.PROVIDER_PROPERTY -> "local";
                    case PostgresOptions.MAJOR_PROPERTY -> "15";
                    case PostgresOptions.SETTINGS_PROPERTY -> "shared_preload_libraries=pg_ivm;work_mem=8MB";
                    default -> null;
                });
        assertThat(byProperty.provider()).isEqualTo(PostgresProvider.LOCAL);
        assertThat(byProperty.majorVersion()).isEqualTo(15);
        assertThat(byProperty.preloadedLibraries()).containsExactly("pg_ivm");
        assertThat(byProperty.settings()).containsEntry("work_mem", "8MB");

        assertThat(PostgresOptions.fromSources(Map.of("TVIEWS_PG_SETTINGS", "work_mem=8MB"), name -> null))
                .isEqualTo(PostgresOptions.embedded(PostgresOptions.DEFAULT_MAJOR).withSettings(Map.of("work_mem", "8MB")));
        assertThatThrownBy(() -> PostgresOptions.fromSources(Map.of("TVIEWS_PG_PROVIDER", "docker"), name -> null))
                .hasMessageContaining("use one of embedded, external, testcontainers, local");
    }

    @Test
    void preloadingAddsALibraryOnce() {
        PostgresOptions options = PostgresOptions.local(15, Optional.empty(),
                Map.of("shared_preload_libraries", "'pg_stat_statements'"));
        assertThat(options.preloading("pg_ivm").preloadedLibraries()).containsExactly("pg_stat_statements", "pg_ivm");
        assertThat(options.preloading("pg_ivm").preloading("pg_ivm").preloadedLibraries())
                .containsExactly("pg_stat_statements", "pg_ivm");
        assertThat(PostgresOptions.embedded(18).preloadedLibraries()).isEqualTo(List.of());
    }
}
