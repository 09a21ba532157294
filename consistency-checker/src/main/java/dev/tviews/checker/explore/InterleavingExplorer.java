package dev.tviews.checker.explore;

import dev.tviews.checker.explore.Interleavings.StepRef;
import dev.tviews.checker.oracle.Oracle;
import dev.tviews.checker.reproduce.Capture;
import dev.tviews.checker.reproduce.Reproducers;
import dev.tviews.checker.reproduce.Script;
import dev.tviews.checker.reproduce.ScriptBlock;
import dev.tviews.checker.reproduce.ScriptReplayer;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.checker.run.CheckTarget;
import dev.tviews.checker.run.ScenarioTemplates;
import dev.tviews.checker.shrink.ClonePool;
import dev.tviews.database.FreshDatabase;
import dev.tviews.database.TemplateDatabase;
import dev.tviews.engine.export.SqlExport;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Systematic interleavings: short scripts of two or three sessions, drawn from the scenario's
 * catalog by the checker's generator (or given), run in every order of their steps (or a bounded
 * random sample), each permutation on a fresh copy of the same data with blocking detected as
 * PostgreSQL's isolation tester does ({@link PermutationRunner}), and the oracle after each one.
 * The first permutation that leaves stale read models is written out twice: as an
 * isolation-tester spec and as the project's replayable script.
 */
public final class InterleavingExplorer {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** What a long run reports after each script. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (script, result) -> { };

        void afterScript(int script, ExploreResult soFar);
    }

    private final ScenarioTemplates templates;

    public InterleavingExplorer(ScenarioTemplates templates) {
        this.templates = templates;
    }

    /** Scripts drawn from the catalog, as {@code options} says. */
    public ExploreResult run(CheckTarget target, ExploreOptions options, Progress progress) throws Exception {
        return explore(target, options, null, progress);
    }

    /** The given scripts only (every permutation up to {@code options.permutations()} each). */
    public ExploreResult run(CheckTarget target, ExploreOptions options, List<SessionScripts> scripts) throws Exception {
        return explore(target, options, List.copyOf(scripts), Progress.NONE);
    }

    private ExploreResult explore(CheckTarget target, ExploreOptions options, List<SessionScripts> given, Progress progress)
            throws Exception {
        long start = System.nanoTime();
        long deadline = options.timeLimit().map(l -> start + l.toNanos()).orElse(Long.MAX_VALUE);
        try (CheckSession session = CheckSession.open(templates, target)) {
            Capture capture = Capture.of(templates, session);
            ScriptBlock.Check check = Reproducers.checkQuery(session.connection(), session.oracle().targets());
            Script base = capture.script(List.of(), List.of(), check);
            Oracle oracle = ScriptReplayer.oracle(base);
            ScriptGenerator generator = new ScriptGenerator(session);
            String name = String.format(Locale.ROOT, "tviews_explore_%d_%d", ProcessHandle.current().pid(),
                    COUNTER.incrementAndGet());
            Tally tally = new Tally(options.seed());
            try (TemplateDatabase template = TemplateDatabase.create(templates.server(), name, c -> {
                ScriptReplayer.setUp(c, base);
                ScriptReplayer.applyBreakage(c, base, false);
            }); ClonePool clones = new ClonePool(template)) {
                int count = given != null ? given.size() : options.scripts();
                for (int i = 0; i < count && (i == 0 || System.nanoTime() < deadline); i++) {
                    String level = options.isolationLevels().get(i % options.isolationLevels().size());
                    SessionScripts scripts = given != null ? given.get(i)
                            : generator.generate(options.seed() * 1_000 + i, options.sessions(), options.statements(), level);
                    tally.scripts++;
                    for (List<StepRef> permutation : Interleavings.of(scripts.lengths(), options.permutations(),
                            options.seed() + i)) {
                        FreshDatabase db = clones.take();
                        PermutationRunner.Outcome outcome;
                        try {
                            try (Connection c = db.connect()) {
                                ScriptReplayer.applyBreakage(c, base, true);
                            }
                            outcome = PermutationRunner.run(db::connect, scripts, permutation, oracle);
                        } finally {
                            clones.release(db);
                        }
                        tally.add(outcome);
                        if (!outcome.fresh()) {
                            return tally.failure(start, session, base, scripts, outcome, target, options, i);
                        }
                    }
                    progress.afterScript(i + 1, tally.result(start));
                }
            }
            return tally.result(start);
        }
    }

    /** Counts over the run, and the failure's two files. */
    private final class Tally {
        final long seed;
        int scripts;
        int permutations;
        int blocked;
        final Set<String> schedules = new HashSet<>();
        final Map<String, Integer> errors = new TreeMap<>();

        Tally(long seed) {
            this.seed = seed;
        }

        void add(PermutationRunner.Outcome o) {
            permutations++;
            blocked += o.blocked() > 0 ? 1 : 0;
            schedules.add(scripts + ":" + names(o.started()));
            o.errors().forEach((k, v) -> errors.merge(k, v, Integer::sum));
        }

        ExploreResult result(long start) {
            return new ExploreResult(seed, scripts, permutations, schedules.size(), blocked, errors,
                    Duration.ofNanos(System.nanoTime() - start), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }

        ExploreResult failure(long start, CheckSession session, Script base, SessionScripts scripts,
                              PermutationRunner.Outcome outcome, CheckTarget target, ExploreOptions options, int index)
                throws SQLException {
            String order = names(outcome.started());
            String failure = "read models are stale after permutation " + order + " of script " + (index + 1) + " ("
                    + scripts.isolationLevel() + ", " + scripts.sessions().size() + " sessions, "
                    + outcome.blocked() + " blocked steps)\n" + outcome.report().describe();
            List<String> header = List.of(
                    "tviews interleaving, written by the consistency checker's explorer (check --explore)",
                    "scenario " + target.scenarioArgument() + ", strategy " + target.engine() + ", seed " + options.seed()
                            + ", script " + (index + 1),
                    "failure as found: " + failure);
            List<ScriptBlock.Step> steps = new ArrayList<>();
            for (int s = 0; s < scripts.sessions().size(); s++) {
                steps.add(new ScriptBlock.Step(s + 1, scripts.begin(), ""));
            }
            for (StepRef r : outcome.started()) {
                steps.add(new ScriptBlock.Step(r.session(), scripts.sql(r), ""));
            }
            Script replayable = base.withSteps(steps).withHeader(header);
            String spec = IsolationSpec.text(header, specSetup(session, base), teardown(session, base), scripts,
                    outcome.started());
            return new ExploreResult(seed, this.scripts, permutations, schedules.size(), blocked, errors,
                    Duration.ofNanos(System.nanoTime() - start), Optional.of(failure), Optional.of(spec),
                    Optional.of(replayable), Optional.of(order));
        }
    }

    static String names(List<StepRef> steps) {
        return String.join(" ", steps.stream().map(StepRef::name).toList());
    }

    /**
     * The spec's setup: the script's schema, data and sequences, the engine as the migration
     * {@code compile} writes (compiled on a copy of the scenario's schema; its BEGIN and COMMIT
     * left out, since isolationtester runs a block as one query string anyway), the trigger mode,
     * the breakage, and the view of stale rows.
     */
    private List<String> specSetup(CheckSession session, Script base) throws SQLException {
        List<String> setup = new ArrayList<>();
        List<dev.tviews.engine.TviewDefinition> definitions = base.blocks().stream()
                .filter(b -> b instanceof ScriptBlock.Create).map(b -> ScriptReplayer.definition((ScriptBlock.Create) b)).toList();
        String migration;
        try (FreshDatabase scratch = templates.template(session.scenario(), session.target().scale()).cloneFresh();
             Connection c = scratch.connect()) {
            migration = SqlExport.export(c, definitions);
        }
        migration = migration.replaceFirst("(?m)^BEGIN;$", "").replaceFirst("(?m)^COMMIT;\\s*\\z", "");
        for (ScriptBlock b : base.blocks()) {
            if (b instanceof ScriptBlock.Sql s && !ScriptReplayer.isBreakage(s)) {
                setup.add(s.sql());
            } else if (b instanceof ScriptBlock.Install i) {
                setup.add(migration);
                if (!i.triggerMode().equals("statement")) {
                    setup.add("SELECT tviews.set_trigger_mode('" + i.triggerMode() + "');");
                }
            }
        }
        for (ScriptBlock b : base.blocks()) {
            if (b instanceof ScriptBlock.Sql s && ScriptReplayer.isBreakage(s)) {
                setup.add(s.sql());
            }
        }
        ScriptBlock.Check check = base.blocks().stream().filter(b -> b instanceof ScriptBlock.Check)
                .map(b -> (ScriptBlock.Check) b).findFirst().orElseThrow();
        setup.add("CREATE VIEW " + IsolationSpec.STALE_ROWS + " AS\n" + check.sql());
        return setup;
    }

    /** Drops what the setup made (run the spec on a database of its own all the same). */
    private static String teardown(CheckSession session, Script base) {
        List<String> tables = new ArrayList<>();
        base.blocks().stream().filter(b -> b instanceof ScriptBlock.Create).map(b -> ((ScriptBlock.Create) b).name())
                .forEach(tables::add);
        session.catalog().tables().forEach(t -> tables.add(t.sqlName()));
        String sql = "DROP VIEW IF EXISTS " + IsolationSpec.STALE_ROWS + "; DROP SCHEMA IF EXISTS tviews CASCADE; "
                + "DROP TABLE IF EXISTS " + String.join(", ", tables) + " CASCADE;";
        boolean databaseSettings = base.blocks().stream()
                .anyMatch(b -> b instanceof ScriptBlock.Sql s && ScriptReplayer.isBreakage(s) && s.sql().contains("ALTER DATABASE"));
        return databaseSettings
                ? sql + " DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET ALL', current_database()); END $$;"
                : sql;
    }
}
