package dev.tviews.checker.reproduce;

/**
 * One block of a reproducer script. In the file, each block starts with a directive line
 * {@code -- tviews:<kind> <arguments>} and its body is every line up to the next directive.
 */
public sealed interface ScriptBlock permits ScriptBlock.Sql, ScriptBlock.Install, ScriptBlock.Create,
        ScriptBlock.Step, ScriptBlock.Check {

    /** SQL run as one JDBC statement (it may hold several), e.g. the schema or a broken variant's breakage. */
    record Sql(String label, String sql) implements ScriptBlock {
    }

    /** Installs the engine's runtime and sets its trigger mode ({@code statement} or {@code row}). */
    record Install(String triggerMode) implements ScriptBlock {
    }

    /**
     * Creates a TVIEW through the engine's Java API.
     *
     * @param options engine options by their scenario names ({@code fullRefreshOnUntraceable}, {@code ginIndexOnData},
     *                {@code uniqueId}, {@code batch})
     */
    record Create(String name, String key, java.util.List<String> options, String select) implements ScriptBlock {
        public Create {
            options = java.util.List.copyOf(options);
        }
    }

    /**
     * One workload statement on one session (1, 2, …): a single line of SQL, or {@code COPY … FROM
     * STDIN} with its rows ({@code copyData}, COPY text format; empty for other statements).
     *
     * @param pin empty, or {@code SELECT setval(…)} run just before the statement: the sequence values it
     *            drew in the run, so that removing earlier statements does not shift the keys it generates
     */
    record Step(int session, String sql, String copyData, String pin) implements ScriptBlock {

        public Step(int session, String sql, String copyData) {
            this(session, sql, copyData, "");
        }

        public boolean isCopy() {
            return !copyData.isEmpty();
        }
    }

    /** A query that returns the rows where the read models and their definitions differ (for people; replays use the oracle). */
    record Check(String sql) implements ScriptBlock {
    }
}
