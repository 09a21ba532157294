package dev.tviews.checker.reproduce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A reproducer: everything needed to show a failure on an empty database, in one SQL file that
 * {@code benchmarks.jar replay} runs through JDBC. Blocks come in order: the schema and data
 * ({@code sql}), the engine ({@code install}, {@code create}), a broken variant's breakage
 * ({@code sql breakage}), the workload ({@code step}, one statement each, on session 1, 2, …), and
 * the query that shows the difference ({@code check}). Header comments say where it came from.
 *
 * <p>The engine's TVIEWs are created by Java code, not SQL, so {@code install} and {@code create}
 * are directives that {@code replay} interprets; every other block is plain SQL.
 */
public record Script(List<String> header, List<ScriptBlock> blocks) {

    public static final String DIRECTIVE = "-- tviews:";
    /** How a step's sequence pin starts (see {@link ScriptBlock.Step#pin()}). */
    public static final String PIN = "SELECT setval(";

    public Script {
        header = List.copyOf(header);
        blocks = List.copyOf(blocks);
    }

    public List<ScriptBlock.Step> steps() {
        return blocks.stream().filter(b -> b instanceof ScriptBlock.Step).map(b -> (ScriptBlock.Step) b).toList();
    }

    /** Sessions the workload uses: 1, or more for a concurrency failure. */
    public int sessions() {
        return steps().stream().mapToInt(ScriptBlock.Step::session).max().orElse(1);
    }

    /**
     * Whether the read models are only promised fresh outside transactions: a TVIEW that batches
     * refreshes just before commit, so a check inside a transaction would find it stale.
     */
    public boolean checksAfterCommitOnly() {
        return blocks.stream().anyMatch(b -> b instanceof ScriptBlock.Create c && c.options().contains(SetupCapture.BATCH));
    }

    /** The same script with {@code steps} in place of its workload (kept where the first step was). */
    public Script withSteps(List<ScriptBlock.Step> steps) {
        List<ScriptBlock> out = new ArrayList<>();
        boolean placed = false;
        for (ScriptBlock b : blocks) {
            if (b instanceof ScriptBlock.Step || (b instanceof ScriptBlock.Check && !placed)) {
                if (!placed) {
                    out.addAll(steps);
                    placed = true;
                }
                if (b instanceof ScriptBlock.Step) {
                    continue;
                }
            }
            out.add(b);
        }
        if (!placed) {
            out.addAll(steps);
        }
        return new Script(header, out);
    }

    public Script withHeader(List<String> lines) {
        return new Script(lines, blocks);
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String h : header) {
            sb.append("-- ").append(h.replace("\n", "\n-- ")).append('\n');
        }
        for (ScriptBlock b : blocks) {
            sb.append('\n');
            if (b instanceof ScriptBlock.Sql s) {
                sb.append(DIRECTIVE).append("sql ").append(s.label()).append('\n').append(terminated(s.sql()));
            } else if (b instanceof ScriptBlock.Install i) {
                sb.append(DIRECTIVE).append("install ").append(i.triggerMode()).append('\n');
            } else if (b instanceof ScriptBlock.Create c) {
                sb.append(DIRECTIVE).append("create ").append(c.name()).append(" key=").append(c.key().replaceAll("\\s*,\\s*", ","))
                        .append(c.options().isEmpty() ? "" : " " + String.join(" ", c.options()))
                        .append('\n').append(c.select().strip()).append('\n');
            } else if (b instanceof ScriptBlock.Step s) {
                sb.append(DIRECTIVE).append("step ").append(s.session()).append('\n');
                if (!s.pin().isEmpty()) {
                    sb.append(s.pin()).append(";\n");
                }
                sb.append(s.sql()).append(";\n");
                if (s.isCopy()) {
                    sb.append(s.copyData()).append("\\.\n");
                }
            } else if (b instanceof ScriptBlock.Check c) {
                sb.append(DIRECTIVE).append("check\n").append(terminated(c.sql()));
            }
        }
        return sb.toString();
    }

    private static String terminated(String sql) {
        String s = sql.strip();
        return s + (s.endsWith(";") ? "" : ";") + "\n";
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text(), StandardCharsets.UTF_8);
    }

    public static Script read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Reads what {@link #text()} wrote; {@code origin} names the text in error messages. */
    public static Script parse(String text, String origin) {
        List<String> header = new ArrayList<>();
        List<ScriptBlock> blocks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].startsWith(DIRECTIVE)) {
            if (lines[i].startsWith("-- ")) {
                header.add(lines[i].substring(3));
            }
            i++;
        }
        while (i < lines.length) {
            String directive = lines[i].substring(DIRECTIVE.length()).strip();
            int lineNumber = i + 1;
            StringBuilder body = new StringBuilder();
            i++;
            while (i < lines.length && !lines[i].startsWith(DIRECTIVE)) {
                body.append(lines[i]).append('\n');
                i++;
            }
            blocks.add(block(directive, body.toString().strip(), origin, lineNumber));
        }
        return new Script(header, blocks);
    }

    private static ScriptBlock block(String directive, String body, String origin, int line) {
        String[] words = directive.split("\\s+");
        String where = origin + " line " + line;
        switch (words[0].toLowerCase(Locale.ROOT)) {
            case "sql":
                return new ScriptBlock.Sql(words.length > 1 ? words[1] : "sql", stripSemicolon(body));
            case "install":
                return new ScriptBlock.Install(words.length > 1 ? words[1] : "statement");
            case "create": {
                if (words.length < 3 || !words[2].startsWith("key=")) {
                    throw new IllegalArgumentException(where + ": write '-- tviews:create <name> key=<column> [options]', not '"
                            + directive + "'");
                }
                List<String> options = List.of(words).subList(3, words.length);
                return new ScriptBlock.Create(words[1], words[2].substring(4), options, stripSemicolon(body));
            }
            case "step": {
                int session;
                try {
                    session = words.length > 1 ? Integer.parseInt(words[1]) : 1;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ": the session of a step is a number from 1 to 9, not '" + words[1] + "'", e);
                }
                if (session < 1 || session > 9) {
                    throw new IllegalArgumentException(where + ": the session of a step is 1 to 9, not " + session);
                }
                // A comment line or two may precede the statement (outcomes written by the checker).
                List<String> bodyLines = new ArrayList<>(List.of(body.split("\n", -1)));
                while (!bodyLines.isEmpty() && (bodyLines.get(0).startsWith("--") || bodyLines.get(0).isBlank())) {
                    bodyLines.remove(0);
                }
                if (bodyLines.isEmpty()) {
                    throw new IllegalArgumentException(where + ": a step needs a statement");
                }
                String pin = "";
                if (bodyLines.size() > 1 && bodyLines.get(0).startsWith(PIN)) {
                    pin = stripSemicolon(bodyLines.remove(0));
                }
                String sql = stripSemicolon(bodyLines.get(0));
                if (sql.toUpperCase(Locale.ROOT).startsWith("COPY ") && sql.toUpperCase(Locale.ROOT).endsWith("FROM STDIN")) {
                    StringBuilder data = new StringBuilder();
                    for (String l : bodyLines.subList(1, bodyLines.size())) {
                        if (l.equals("\\.")) {
                            break;
                        }
                        data.append(l).append('\n');
                    }
                    return new ScriptBlock.Step(session, sql, data.toString(), pin);
                }
                if (bodyLines.size() > 1) {
                    throw new IllegalArgumentException(where + ": a step is one statement on one line; start a new "
                            + "'-- tviews:step <session>' block for the next one");
                }
                return new ScriptBlock.Step(session, sql, "", pin);
            }
            case "check":
                return new ScriptBlock.Check(stripSemicolon(body));
            default:
                throw new IllegalArgumentException(where + ": unknown directive '-- tviews:" + directive
                        + "'; known: sql, install, create, step, check");
        }
    }

    private static String stripSemicolon(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }
}
