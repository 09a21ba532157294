package dev.tviews.checker.oracle;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonDiffTest {

    private static List<String> diff(String actual, String expected, Comparison cmp) {
        return JsonDiff.diff(actual, expected, cmp).stream().map(PathDifference::toString).toList();
    }

    @Test
    void namesThePathOfAChangedValue() {
        assertThat(diff("{\"pk\":1,\"data\":{\"author\":{\"name\":\"Ann\"}}}", "{\"pk\":1,\"data\":{\"author\":{\"name\":\"Bob\"}}}",
                Comparison.EXACT)).containsExactly("$.data.author.name: \"Ann\" ≠ \"Bob\"");
    }

    @Test
    void namesMissingAndExtraArrayElementsAndKeys() {
        assertThat(diff("{\"r\":[1,2],\"x\":true}", "{\"r\":[1,2,3],\"y\":null}", Comparison.EXACT)).containsExactly(
                "$.r[2]: missing (the definition has 3)",
                "$.y: missing (the definition has null)",
                "$.x: extra true (the definition has none)");
    }

    @Test
    void quotesKeysThatAreNotIdentifiers() {
        assertThat(diff("{\"a b\":1}", "{\"a b\":2}", Comparison.EXACT)).containsExactly("$[\"a b\"]: 1 ≠ 2");
    }

    @Test
    void comparesNumbersByValueAndTypesStrictly() {
        assertThat(diff("{\"n\":1.0,\"m\":1}", "{\"n\":1.00,\"m\":\"1\"}", Comparison.EXACT)).containsExactly("$.m: 1 ≠ \"1\"");
        assertThat(diff("{\"n\":null}", "{\"n\":0}", Comparison.EXACT)).containsExactly("$.n: null ≠ 0");
    }

    @Test
    void forgivesFloatRoundingOnlyWithATolerance() {
        String a = "{\"s\":0.30000000000000004}";
        String e = "{\"s\":0.3}";
        assertThat(diff(a, e, Comparison.EXACT)).hasSize(1);
        assertThat(diff(a, e, new Comparison(false, Comparison.DOUBLE_TOLERANCE))).isEmpty();
        assertThat(diff("{\"s\":0.31}", e, new Comparison(false, Comparison.DOUBLE_TOLERANCE))).hasSize(1);
    }

    @Test
    void arrayOrderMattersUnlessTheAggregateIsUnordered() {
        String a = "{\"tags\":[{\"id\":2},{\"id\":1}]}";
        String e = "{\"tags\":[{\"id\":1},{\"id\":2}]}";
        assertThat(diff(a, e, Comparison.EXACT)).singleElement().asString()
                .startsWith("$.tags: the same elements in another order, [{\"id\":2},{\"id\":1}] ≠ [{\"id\":1},{\"id\":2}]")
                .contains("add a unique tiebreaker");
        assertThat(diff("[1,3]", "[1,2]", Comparison.EXACT)).containsExactly("$[1]: 3 ≠ 2");
        Comparison unordered = new Comparison(true, 0);
        assertThat(diff(a, e, unordered)).isEmpty();
        assertThat(diff("{\"tags\":[{\"id\":2},{\"id\":3}]}", e, unordered)).containsExactly(
                "$.tags[*]: missing (the definition has {\"id\":1})", "$.tags[*]: extra {\"id\":3} (the definition has none)");
        // multisets: a duplicate is a difference
        assertThat(diff("[1,1,2]", "[1,2,2]", unordered)).hasSize(2);
    }

    @Test
    void unorderedNestedArraysAndFloatsTogether() {
        Comparison both = new Comparison(true, Comparison.DOUBLE_TOLERANCE);
        assertThat(diff("[[0.30000000000000004, 2], [1]]", "[[1], [2, 0.3]]", both)).isEmpty();
    }

    @Test
    void longValuesAreShortened() {
        String longText = "x".repeat(500);
        String d = diff("{\"t\":\"" + longText + "\"}", "{\"t\":\"y\"}", Comparison.EXACT).get(0);
        assertThat(d).hasSizeLessThan(200).contains("…");
    }
}
