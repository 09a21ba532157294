package dev.tviews.engine.generate;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlTemplateTest {

    @Test
    void aMissingResourceIsNamed() {
        assertThatThrownBy(() -> SqlTemplate.statement("test/no_such_file.sql"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/dev/tviews/engine/sql/test/no_such_file.sql");
    }

    @Test
    void aStatementIsTheFileWithoutItsHeaderCommentAndFinalNewline() {
        assertThat(SqlTemplate.statement("test/two_lines.sql").render(Map.of("column", "\"a\"")))
                .isEqualTo("SELECT \"a\"\nFROM t");
        assertThat(SqlTemplate.lines("test/two_lines.sql").render(Map.of("column", "b"))).isEqualTo("SELECT b\nFROM t\n");
        assertThat(SqlTemplate.load("test/two_lines.sql").text()).startsWith("-- Why");
    }

    @Test
    void everyPlaceholderMustBeFilled() {
        assertThatThrownBy(() -> SqlTemplate.statement("test/two_lines.sql").render(Map.of()))
                .hasMessageContaining("test/two_lines.sql").hasMessageContaining("{{column}}");
    }
}
