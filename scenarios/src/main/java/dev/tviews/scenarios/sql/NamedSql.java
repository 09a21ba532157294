package dev.tviews.scenarios.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * One SQL statement with named parameters ({@code :product}), converted for execution.
 *
 * @param original       the text as written
 * @param jdbcSql        with one {@code ?} per parameter occurrence, for a JDBC {@code PreparedStatement};
 *                       literal question marks (the jsonb {@code ?} operators) are doubled, as pgjdbc expects
 * @param jdbcParameters the parameter name bound at each {@code ?}, in order
 * @param positionalSql  with {@code $1, $2, …}, one number per distinct name, for {@code PREPARE}
 * @param parameterNames the distinct names in order of first use; {@code $n} is name {@code n-1}
 * @param originalOffsets for each character of {@code positionalSql} (and one past its end), the offset
 *                        in {@code original} it came from, to point errors at what the user wrote
 */
public record NamedSql(String original, String jdbcSql, List<String> jdbcParameters, String positionalSql,
                       List<String> parameterNames, int[] originalOffsets) {

    public NamedSql {
        jdbcParameters = List.copyOf(jdbcParameters);
        parameterNames = List.copyOf(parameterNames);
    }

    /** Converts {@code sql}; a trailing semicolon is dropped. */
    public static NamedSql parse(String sql) {
        String trimmed = stripTrailingSemicolons(sql);
        StringBuilder jdbc = new StringBuilder(trimmed.length() + 16);
        StringBuilder positional = new StringBuilder(trimmed.length() + 16);
        List<Integer> offsets = new ArrayList<>(trimmed.length() + 16);
        List<String> jdbcParameters = new ArrayList<>();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (SqlScanner.Piece piece : SqlScanner.scan(trimmed)) {
            switch (piece.kind()) {
                case TEXT, SEMICOLON -> {
                    for (int i = piece.start(); i < piece.end(); i++) {
                        offsets.add(i);
                    }
                    jdbc.append(trimmed, piece.start(), piece.end());
                    positional.append(trimmed, piece.start(), piece.end());
                }
                case QUESTION_MARK -> {
                    offsets.add(piece.start());
                    jdbc.append("??");
                    positional.append('?');
                }
                case PARAMETER -> {
                    int number = numbers.computeIfAbsent(piece.name(), k -> numbers.size() + 1);
                    String placeholder = "$" + number;
                    for (int i = 0; i < placeholder.length(); i++) {
                        offsets.add(piece.start() + Math.min(i, piece.end() - piece.start() - 1));
                    }
                    positional.append(placeholder);
                    jdbc.append('?');
                    jdbcParameters.add(piece.name());
                }
            }
        }
        offsets.add(trimmed.length());
        int[] map = offsets.stream().mapToInt(Integer::intValue).toArray();
        return new NamedSql(sql, jdbc.toString(), jdbcParameters, positional.toString(),
                new ArrayList<>(numbers.keySet()), map);
    }

    /** The distinct parameter names used. */
    public Set<String> names() {
        return new LinkedHashSet<>(parameterNames);
    }

    /** The offset in {@link #original()} of a zero-based offset in {@link #positionalSql()}. */
    public int originalOffset(int positionalOffset) {
        if (positionalOffset < 0) {
            return 0;
        }
        return originalOffsets[Math.min(positionalOffset, originalOffsets.length - 1)];
    }

    /** The offset in {@link #original()} of the first use of {@code name}, or 0. */
    public int offsetOf(String name) {
        for (SqlScanner.Piece piece : SqlScanner.scan(original)) {
            if (piece.kind() == SqlScanner.Piece.Kind.PARAMETER && piece.name().equals(name)) {
                return piece.start();
            }
        }
        return 0;
    }

    /** Whether the statement starts with {@code word} (case-insensitive), ignoring leading comments. */
    public boolean startsWithKeyword(String word) {
        String s = original.strip();
        while (s.startsWith("--") || s.startsWith("/*")) {
            int end = s.startsWith("--") ? s.indexOf('\n') : s.indexOf("*/") + 1;
            if (end <= 0) {
                return false;
            }
            s = s.substring(end + 1).strip();
        }
        return s.regionMatches(true, 0, word, 0, word.length())
                && (s.length() == word.length() || !SqlLexing.isIdentifierPart(s.charAt(word.length())));
    }

    private static String stripTrailingSemicolons(String sql) {
        int end = sql.length();
        while (end > 0 && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) {
            end--;
        }
        return sql.substring(0, end);
    }

    @Override
    public String toString() {
        return original;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedSql other && other.original.equals(original);
    }

    @Override
    public int hashCode() {
        return original.hashCode();
    }
}
