package dev.tviews.scenarios;

import dev.tviews.scenarios.sql.NamedSql;
import dev.tviews.scenarios.sql.SqlScript;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NamedSqlTest {

    @Test
    void namesBecomePlaceholdersButCastsStringsAndQuotesStay() {
        NamedSql sql = NamedSql.parse("UPDATE t SET a = :a::numeric, b = ':not' || $x$ :no $x$ || \"col:umn\" -- :nope\n"
                + " WHERE k = :key AND j ? 'x' AND a2 = :a /* :gone */;");
        assertThat(sql.jdbcSql()).isEqualTo("UPDATE t SET a = ?::numeric, b = ':not' || $x$ :no $x$ || \"col:umn\" -- :nope\n"
                + " WHERE k = ? AND j ?? 'x' AND a2 = ? /* :gone */");
        assertThat(sql.jdbcParameters()).containsExactly("a", "key", "a");
        assertThat(sql.positionalSql()).isEqualTo("UPDATE t SET a = $1::numeric, b = ':not' || $x$ :no $x$ || \"col:umn\" -- :nope\n"
                + " WHERE k = $2 AND j ? 'x' AND a2 = $1 /* :gone */");
        assertThat(sql.parameterNames()).containsExactly("a", "key");
    }

    @Test
    void escapeStringsAndPositionalParametersAreLeftAlone() {
        NamedSql sql = NamedSql.parse("SELECT E'it\\'s :x', $1, :y");
        assertThat(sql.parameterNames()).containsExactly("y");
    }

    @Test
    void offsetsMapBackToTheOriginalText() {
        String text = "SELECT :first, nme FROM t";
        NamedSql sql = NamedSql.parse(text);
        int inPositional = sql.positionalSql().indexOf("nme");
        assertThat(sql.originalOffset(inPositional)).isEqualTo(text.indexOf("nme"));
        assertThat(sql.offsetOf("first")).isEqualTo(7);
    }

    @Test
    void scriptsSplitAtTopLevelSemicolonsOnly() {
        List<SqlScript.Part> parts = SqlScript.split("CREATE TABLE a (x text DEFAULT ';');\n -- c;\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n");
        assertThat(parts).extracting(SqlScript.Part::sql).containsExactly("CREATE TABLE a (x text DEFAULT ';')",
                "-- c;\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql");
        assertThat(parts.get(1).offset()).isEqualTo(38);
    }
}
