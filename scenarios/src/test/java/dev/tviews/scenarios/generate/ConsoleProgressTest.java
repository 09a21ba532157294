package dev.tviews.scenarios.generate;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Redrawn in place on a terminal; plain lines, never a carriage return, anywhere else. */
class ConsoleProgressTest {

    @Test
    void aTerminalGetsARedrawnBarAndALogGetsPlainLines() {
        assertThat(drive(true)).contains("\r").contains("[##############################] 1,000/1,000 rows");
        String plain = drive(false);
        assertThat(plain).doesNotContain("\r").doesNotContain("[#")
                .contains("tb_item          1,000/1,000 rows").contains("took");
        assertThat(plain.lines().filter(l -> l.startsWith("tb_item"))).as("no redraws: one line at the end")
                .hasSize(1);
    }

    private static String drive(boolean inPlace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), inPlace);
        progress.tableStarted("tb_item", 1000);
        for (long rows = 100; rows < 1000; rows += 100) {
            progress.rowsWritten("tb_item", rows);
        }
        progress.tableFinished("tb_item", 1000, 1_000_000);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
