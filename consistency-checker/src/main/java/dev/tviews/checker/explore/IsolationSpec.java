package dev.tviews.checker.explore;

import dev.tviews.checker.explore.Interleavings.StepRef;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A failing permutation as a PostgreSQL isolation-tester spec ({@code src/test/isolation}): global
 * {@code setup} blocks (schema, data, the engine as the {@code compile} migration, the breakage,
 * a view of stale rows), {@code teardown}, one {@code session} per script with its own setup
 * ({@code BEGIN ISOLATION LEVEL …}) and steps, a last session that reads the stale rows, and the
 * {@code permutation} line. Run it with {@code isolationtester "dbname=…" < file.spec} on a
 * database of its own; a correct engine prints no row after the last step.
 *
 * <p>isolationtester ends an SQL block at its first right brace, so SQL that contains one (JSON
 * literals, array literals, function bodies) is run through {@code DO} and {@code EXECUTE} of its
 * base64 text; a step written that way is shown in a comment above it.
 */
final class IsolationSpec {

    /** The view the setup creates and the last step reads. */
    static final String STALE_ROWS = "tviews_spec_stale_rows";
    /** Re-reads the database's own settings (ALTER DATABASE … SET), which sessions connected before the setup miss. */
    private static final String DATABASE_SETTINGS = "SELECT set_config(split_part(s, '=', 1), substr(s, strpos(s, '=') + 1), false) "
            + "FROM pg_db_role_setting d, unnest(d.setconfig) AS s "
            + "WHERE d.setrole = 0 AND d.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database());";

    private IsolationSpec() {
    }

    /**
     * @param header   comment lines
     * @param setup    SQL blocks run once before the permutation, in order
     * @param teardown SQL run after it
     */
    static String text(List<String> header, List<String> setup, String teardown, SessionScripts scripts,
                       List<StepRef> permutation) {
        StringBuilder sb = new StringBuilder();
        for (String h : header) {
            for (String line : h.split("\n", -1)) {
                sb.append("# ").append(line).append('\n');
            }
        }
        sb.append('\n');
        for (String sql : setup) {
            if (needsEncoding(sql)) {
                sb.append("# ").append(firstLine(sql)).append('\n');
            }
            sb.append("setup\n{\n").append(block(sql)).append("\n}\n\n");
        }
        sb.append("teardown\n{\n").append(block(teardown)).append("\n}\n");
        for (int s = 0; s < scripts.sessions().size(); s++) {
            sb.append("\nsession s").append(s + 1).append('\n');
            sb.append("setup { ").append(DATABASE_SETTINGS).append(' ').append(scripts.begin()).append("; }\n");
            List<String> steps = scripts.sessions().get(s);
            for (int i = 0; i < steps.size(); i++) {
                StepRef ref = new StepRef(s + 1, i);
                String sql = steps.get(i);
                if (needsEncoding(sql)) {
                    sb.append("# ").append(ref.name()).append(": ").append(sql).append('\n');
                }
                sb.append("step ").append(ref.name()).append(" { ").append(block(sql)).append(" }\n");
            }
        }
        sb.append("\nsession checker\n");
        sb.append("step stale_rows { SELECT * FROM ").append(STALE_ROWS).append(" ORDER BY read_model, side, row_json::text; }\n\n");
        sb.append("permutation");
        for (StepRef r : permutation) {
            sb.append(' ').append(r.name());
        }
        sb.append(" stale_rows\n");
        return sb.toString();
    }

    /** What an encoded block is, for people: its first line that is not blank (shortened). */
    private static String firstLine(String sql) {
        String line = sql.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        return "(base64 below) " + (line.length() > 110 ? line.substring(0, 110) + " …" : line);
    }

    static boolean needsEncoding(String sql) {
        return sql.indexOf('}') >= 0 || sql.indexOf('{') >= 0;
    }

    /** The SQL as it is, or, when it holds a brace, a DO block that executes its base64 text. */
    static String block(String sql) {
        String s = sql.strip();
        if (!needsEncoding(s)) {
            return s.endsWith(";") ? s : s + ";";
        }
        String encoded = Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        return "DO $spec$ BEGIN EXECUTE convert_from(decode('" + encoded + "', 'base64'), 'UTF8'); END $spec$;";
    }
}
