package dev.tviews.engine.analysis;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/engine.md's tables under "Which shapes are maintained" and {@link Refusal} describe the same
 * rules: every refused row names its rules in a {@code <!-- refusal: … -->} comment, every rule is
 * named by exactly one row, and a row that names rules is one the table calls refused.
 */
class RefusalDocTest {

    private static final Path DOC = Path.of("..", "docs", "engine.md");
    private static final Pattern NAMES = Pattern.compile("<!-- refusal: ([A-Z_, ]+) -->");

    /** A table row of the section: its shape, its verdict, and the rules it names. */
    private record Row(String shape, String verdict, List<String> rules) {
    }

    @Test
    void everyRefusedRowNamesItsRulesAndEveryRuleHasARow() throws IOException {
        List<Row> rows = rows();
        assertThat(rows).as("rows of the shapes tables in " + DOC).hasSizeGreaterThan(20);

        assertThat(rows.stream().filter(r -> r.verdict().startsWith("refused") && r.rules().isEmpty()).map(Row::shape))
                .as("refused rows that name no rule of Refusal").isEmpty();
        assertThat(rows.stream().filter(r -> !r.verdict().startsWith("refused") && !r.rules().isEmpty()).map(Row::shape))
                .as("rows naming rules that the table does not call refused").isEmpty();

        List<String> named = rows.stream().flatMap(r -> r.rules().stream()).toList();
        assertThat(named).as("rules named by more than one row").doesNotHaveDuplicates();
        Set<String> known = EnumSet.allOf(Refusal.class).stream().map(Enum::name).collect(Collectors.toSet());
        assertThat(named).as("names that are no constant of Refusal").allMatch(known::contains);
        assertThat(known).as("rules of Refusal that no row of the table names").containsExactlyInAnyOrderElementsOf(named);
    }

    private static List<Row> rows() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int start = lines.indexOf("### Which shapes are maintained");
        assertThat(start).as("the section in " + DOC).isNotNegative();
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("### ")) {
                break;
            }
            if (!line.startsWith("| ") || line.startsWith("| shape |")) {
                continue;
            }
            String[] cells = line.split(" \\| ");
            Matcher m = NAMES.matcher(line);
            List<String> rules = m.find() ? Arrays.stream(m.group(1).split(",")).map(String::strip).toList() : List.of();
            rows.add(new Row(cells[0].substring(2), cells.length > 1 ? cells[1].strip() : "", rules));
        }
        return rows;
    }
}
