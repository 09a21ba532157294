package dev.tviews.engine.definitions;

import dev.tviews.engine.TviewDefinition;
import dev.tviews.engine.TviewOptions;
import dev.tviews.engine.TviewsException;
import dev.tviews.sql.SqlState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a file of TVIEW definitions in either of two forms, which may be mixed:
 * <ul>
 *   <li>pg_tviews DDL as in the architect guide: {@code CREATE TABLE tv_post AS SELECT …;}, one
 *       statement per TVIEW;</li>
 *   <li>blocks headed {@code -- name: tv_post}, then one SELECT (its semicolon optional).</li>
 * </ul>
 * Comment lines {@code -- key: column}, {@code -- unique_id: true} and
 * {@code -- extra_sources: tb_a, tb_b} just before a definition set its options. Anything else
 * that is not a comment is refused with its line (SQLSTATE 42601).
 */
public final class DefinitionsFile {

    private static final String IDENT = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern CREATE_TABLE_AS = Pattern.compile(
            "(?is)\\s*CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + IDENT + "(?:\\s*\\.\\s*" + IDENT + ")?)\\s+AS\\s+");
    private static final Pattern DIRECTIVE = Pattern.compile("(?i)^\\s*--\\s*(name|key|unique_id|extra_sources)\\s*:(.*)$");

    private DefinitionsFile() {
    }

    /** A definition and the 1-based line of the file where it starts. */
    public record Entry(TviewDefinition definition, int line) {
    }

    /** The definitions of {@code text}, in file order; {@code source} names the file in messages. */
    public static List<Entry> parse(String text, String source) throws TviewsException {
        List<Entry> entries = new ArrayList<>();
        for (SqlText.Piece piece : SqlText.blocks(text)) {
            if (piece.isBlank()) {
                continue;
            }
            String name = null;
            int nameLine = 0;
            TviewOptions options = TviewOptions.defaults();
            String[] lines = piece.text().split("\n");
            for (int k = 0; k < lines.length; k++) {
                Matcher d = DIRECTIVE.matcher(lines[k]);
                if (!d.matches()) {
                    continue;
                }
                String value = d.group(2).strip();
                switch (d.group(1).toLowerCase(Locale.ROOT)) {
                    case "name" -> {
                        name = value;
                        nameLine = SqlText.line(text, piece.offset()) + k;
                    }
                    case "key" -> options = options.withKeyColumn(value);
                    case "unique_id" -> options = value.equalsIgnoreCase("true") ? options.withUniqueId() : options;
                    default -> options = options.withExtraSources(Arrays.stream(value.split(","))
                            .map(String::strip).filter(s -> !s.isEmpty()).toList());
                }
            }
            String body = SqlText.stripComments(piece.text());
            int start = SqlText.skipBlank(piece.text(), 0);
            int line = SqlText.line(text, piece.offset() + start);
            Matcher create = CREATE_TABLE_AS.matcher(body);
            String select;
            if (create.lookingAt()) {
                if (name != null && !sameName(name, create.group(1))) {
                    throw new TviewsException(SqlState.SYNTAX_ERROR, source + " line " + line + ": the block "
                            + "is named " + name + " but creates " + create.group(1) + "; keep one of the two names");
                }
                name = create.group(1).replaceAll("\\s+", "");
                select = piece.text().substring(create.end());
            } else {
                String keyword = SqlText.firstKeyword(piece.text());
                if (name == null || !(keyword.equals("SELECT") || keyword.equals("WITH"))) {
                    throw new TviewsException(SqlState.SYNTAX_ERROR, source + " line " + line + ": \""
                            + firstLine(body.strip()) + "\" is not a TVIEW definition; write one "
                            + "'CREATE TABLE tv_x AS SELECT …;' per TVIEW, or head its SELECT with a line '-- name: tv_x' "
                            + "(other statements, such as indexes, belong in the schema)");
                }
                select = piece.text();
            }
            entries.add(new Entry(new TviewDefinition(name, withoutDirectives(select).strip(), options),
                    nameLine > 0 && !create.lookingAt() ? nameLine : line));
        }
        return entries;
    }

    /** The definitions of {@code text}, without their lines. */
    public static List<TviewDefinition> definitions(String text, String source) throws TviewsException {
        return parse(text, source).stream().map(Entry::definition).toList();
    }

    private static boolean sameName(String a, String b) {
        return a.replaceAll("\\s+", "").equals(b.replaceAll("\\s+", ""));
    }

    private static String withoutDirectives(String select) {
        StringBuilder out = new StringBuilder();
        for (String line : select.split("\n", -1)) {
            if (!DIRECTIVE.matcher(line).matches()) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String first = nl < 0 ? s : s.substring(0, nl);
        return first.length() > 60 ? first.substring(0, 60) + "…" : first;
    }
}
