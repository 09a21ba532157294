package dev.tviews.checker.reproduce;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptTest {

    @Test
    void aScriptReadsBackAsItWasWritten() {
        Script script = new Script(List.of("seed: 7", "found by: a test"), List.of(
                new ScriptBlock.Sql("schema", "CREATE TABLE tb_a (pk_a int PRIMARY KEY, v text);\nCREATE TABLE tb_b (x int)"),
                new ScriptBlock.Install("row"),
                new ScriptBlock.Create("tv_a", "pk_a", List.of("fullRefreshOnUntraceable"), "SELECT a.pk_a, a.v\n  FROM tb_a a"),
                new ScriptBlock.Sql("breakage", "DROP TRIGGER IF EXISTS tviews_row ON tb_a"),
                new ScriptBlock.Step(1, "BEGIN", ""),
                new ScriptBlock.Step(2, "INSERT INTO tb_a VALUES (DEFAULT, '-- not a comment; really')", "", "SELECT setval('public.s', 4, true)"),
                new ScriptBlock.Step(1, "COPY tb_a (pk_a, v) FROM STDIN", "1\tx\n2\t\\N\n"),
                new ScriptBlock.Check("SELECT 1")));
        Script back = Script.parse(script.text(), "test");
        assertThat(back).isEqualTo(script);
        assertThat(back.sessions()).isEqualTo(2);
        assertThat(back.steps()).hasSize(3);
    }

    @Test
    void withStepsReplacesTheWorkloadOnly() {
        Script script = new Script(List.of(), List.of(new ScriptBlock.Sql("schema", "SELECT 1"),
                new ScriptBlock.Step(1, "SELECT 2", ""), new ScriptBlock.Step(1, "SELECT 3", ""), new ScriptBlock.Check("SELECT 4")));
        Script shorter = script.withSteps(List.of(new ScriptBlock.Step(1, "SELECT 3", "")));
        assertThat(shorter.blocks()).containsExactly(new ScriptBlock.Sql("schema", "SELECT 1"),
                new ScriptBlock.Step(1, "SELECT 3", ""), new ScriptBlock.Check("SELECT 4"));
    }

    @Test
    void mistakesAreNamedWithTheirLine() {
        assertThatThrownBy(() -> Script.parse("-- x\n-- tviews:frobnicate\nSELECT 1;\n", "f.sql"))
                .hasMessageContaining("f.sql line 2").hasMessageContaining("unknown directive");
        assertThatThrownBy(() -> Script.parse("-- tviews:step 1\nSELECT 1;\nSELECT 2;\n", "f.sql"))
                .hasMessageContaining("one statement on one line");
        assertThatThrownBy(() -> Script.parse("-- tviews:create tv_a\nSELECT 1\n", "f.sql"))
                .hasMessageContaining("key=<column>");
    }
}
