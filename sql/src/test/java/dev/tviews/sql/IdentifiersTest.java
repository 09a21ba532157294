package dev.tviews.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifiersTest {

    @Test
    void quotesEverythingAndDoublesEmbeddedQuotes() {
        assertThat(Identifiers.quote("tb_user")).isEqualTo("\"tb_user\"");
        assertThat(Identifiers.quote("My \"odd\" Table")).isEqualTo("\"My \"\"odd\"\" Table\"");
        assertThat(Identifiers.qualified("public", "My Table")).isEqualTo("\"public\".\"My Table\"");
        assertThat(Identifiers.literal("it's")).isEqualTo("'it''s'");
        assertThatThrownBy(() -> Identifiers.quote("")).hasMessageContaining("must not be empty");
    }
}
