package dev.tviews.checker.oracle;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What the oracle must know about a definition to compare its rows fairly, read from its text.
 *
 * @param unorderedAggregates it builds arrays or strings with an aggregate that has no ORDER BY
 *                            (or reads a read model that does), so element order is undefined
 * @param floatingPoint       it computes with double precision values
 * @param realPrecision       it computes with real (float4) values, which keep about 7 digits
 * @param unorderedStrings    one of those aggregates is {@code string_agg}, whose order cannot be
 *                            normalised: such a read model may differ from its definition although
 *                            both are right; the oracle warns about it
 */
public record DefinitionTraits(boolean unorderedAggregates, boolean floatingPoint, boolean realPrecision,
                               boolean unorderedStrings) {

    private static final Set<String> ORDER_SENSITIVE = Set.of("jsonb_agg", "json_agg", "array_agg", "string_agg",
            "jsonb_object_agg", "json_object_agg", "xmlagg");
    private static final Set<String> DOUBLE_WORDS = Set.of("float8", "double", "float", "random", "date_part");
    private static final Set<String> REAL_WORDS = Set.of("float4", "real");

    /** The comparison these traits call for. */
    public Comparison comparison() {
        double tolerance = realPrecision ? Comparison.REAL_TOLERANCE : floatingPoint ? Comparison.DOUBLE_TOLERANCE : 0;
        return new Comparison(unorderedAggregates, tolerance);
    }

    /**
     * Traits of {@code sql}.
     *
     * @param doubleColumns names of double precision columns of the tables it may read
     * @param realColumns   names of real columns
     * @param unorderedRelations read models with unordered aggregates that it may embed
     */
    public static DefinitionTraits of(String sql, Collection<String> doubleColumns, Collection<String> realColumns,
                                      Collection<String> unorderedRelations) {
        List<SqlTokens.Token> tokens = SqlTokens.of(sql);
        boolean unordered = false;
        boolean strings = false;
        boolean dbl = false;
        boolean real = false;
        for (int i = 0; i < tokens.size(); i++) {
            SqlTokens.Token t = tokens.get(i);
            String name = t.text();
            if (t.kind() == SqlTokens.Token.Kind.WORD && ORDER_SENSITIVE.contains(name)
                    && i + 1 < tokens.size() && tokens.get(i + 1).isPunctuation('(') && !ordered(tokens, i + 1)) {
                unordered = true;
                strings |= name.equals("string_agg");
            }
            if (t.kind() != SqlTokens.Token.Kind.PUNCTUATION) {
                dbl |= DOUBLE_WORDS.contains(name) || doubleColumns.contains(name);
                real |= REAL_WORDS.contains(name) || realColumns.contains(name);
                unordered |= unorderedRelations.contains(name);
            }
        }
        return new DefinitionTraits(unordered, dbl || real, real, strings);
    }

    /** Whether the call whose '(' is at {@code open} has ORDER BY directly inside its parentheses. */
    private static boolean ordered(List<SqlTokens.Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            SqlTokens.Token t = tokens.get(i);
            if (t.isPunctuation('(')) {
                depth++;
            } else if (t.isPunctuation(')')) {
                depth--;
                if (depth == 0) {
                    return false;
                }
            } else if (depth == 1 && t.is("order") && i + 1 < tokens.size() && tokens.get(i + 1).is("by")) {
                return true;
            }
        }
        return false;
    }
}
