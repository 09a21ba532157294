package dev.tviews.checker.oracle;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DefinitionTraitsTest {

    private static DefinitionTraits traits(String sql) {
        return DefinitionTraits.of(sql, Set.of("weight"), Set.of("ratio"), Set.of("tv_unordered"));
    }

    @Test
    void findsAggregatesWithoutOrderBy() {
        assertThat(traits("SELECT jsonb_agg(x) FROM t").unorderedAggregates()).isTrue();
        assertThat(traits("SELECT JSONB_AGG(x) FILTER (WHERE x IS NOT NULL) FROM t").unorderedAggregates()).isTrue();
        assertThat(traits("SELECT array_agg(DISTINCT x) FROM t").unorderedAggregates()).isTrue();
        assertThat(traits("SELECT string_agg(x, ',') FROM t").unorderedStrings()).isTrue();
    }

    @Test
    void aggregatesWithOrderByAreOrdered() {
        assertThat(traits("SELECT jsonb_agg(jsonb_build_object('a', f(x, (y))) ORDER BY z) FILTER (WHERE z > 0) FROM t")
                .unorderedAggregates()).isFalse();
        assertThat(traits("SELECT count(*), sum(x) FROM t ORDER BY 1").unorderedAggregates()).isFalse();
    }

    @Test
    void anOrderByOutsideTheCallDoesNotCount() {
        assertThat(traits("SELECT (SELECT jsonb_agg(x) FROM (SELECT x FROM t ORDER BY x) s)").unorderedAggregates()).isTrue();
    }

    @Test
    void wordsInStringsAndCommentsAreNotSql() {
        assertThat(traits("SELECT 'jsonb_agg(x)' AS t, \"jsonb_agg\" -- jsonb_agg(y)\n /* array_agg(z) */ FROM t")
                .unorderedAggregates()).isFalse();
        assertThat(traits("SELECT $q$ jsonb_agg(x) $q$, E'\\' jsonb_agg(' FROM t").unorderedAggregates()).isFalse();
    }

    @Test
    void embeddingAnUnorderedReadModelIsUnordered() {
        assertThat(traits("SELECT p.pk, u.data FROM tb_post p JOIN tv_unordered u ON u.pk = p.fk").unorderedAggregates()).isTrue();
    }

    @Test
    void floatingPointFromColumnsCastsAndFunctions() {
        assertThat(traits("SELECT sum(weight) FROM t").floatingPoint()).isTrue();
        assertThat(traits("SELECT sum(x::float8) FROM t").floatingPoint()).isTrue();
        assertThat(traits("SELECT sum(x::double precision) FROM t").floatingPoint()).isTrue();
        assertThat(traits("SELECT avg(ratio) FROM t").realPrecision()).isTrue();
        assertThat(traits("SELECT sum(price) FROM t").floatingPoint()).isFalse();
        assertThat(traits("SELECT sum(price) FROM t").comparison()).isEqualTo(Comparison.EXACT);
    }
}
