package dev.tviews.checker.reproduce;

import dev.tviews.checker.run.CheckSession;
import dev.tviews.checker.run.ScenarioTemplates;
import dev.tviews.checker.variants.VariantCatalogue;
import dev.tviews.checker.variants.VariantEngine;
import dev.tviews.database.FreshDatabase;
import dev.tviews.engine.TriggerMode;
import dev.tviews.scenarios.engine.ReadModelEngines;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What a reproducer needs from a checked database, taken before the workload runs: the setup
 * (schema, data, TVIEWs) and the breakage — a catalogue variant's own SQL, or, for any other
 * strategy built on the tviews engine, the difference between what it left in the database and
 * what the correct engine generates for the same TVIEWs.
 */
public record Capture(List<ScriptBlock> setup, List<String> breakage) {

    public static Capture of(ScenarioTemplates templates, CheckSession session) throws SQLException {
        Connection c = session.connection();
        String mode = triggerMode(c);
        List<ScriptBlock> setup = SetupCapture.capture(c, session.scenario(), session.catalog(), mode);
        if (session.engine() instanceof VariantEngine v && VariantCatalogue.byName(v.name()).isPresent()) {
            return new Capture(setup, v.applied());
        }
        EngineSnapshot actual = EngineSnapshot.capture(c);
        EngineSnapshot correct;
        try (FreshDatabase db = templates.template(session.scenario(), session.target().scale()).cloneFresh();
             Connection fresh = db.connect()) {
            fresh.setAutoCommit(true);
            ReadModelEngines.byName("tviews-" + mode).create(fresh, session.scenario().tviews());
            correct = EngineSnapshot.capture(fresh);
        }
        return new Capture(setup, actual.changesFrom(correct));
    }

    /** The engine's trigger mode in this database; an error when the tviews engine is not installed. */
    static String triggerMode(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('tviews.setting') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new IllegalStateException("reproducers are written for strategies built on the tviews engine; "
                        + "this database has no tviews schema, so replay from the seed or the statement log instead");
            }
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM tviews.setting WHERE name = 'trigger_mode'")) {
            return rs.next() ? rs.getString(1) : TriggerMode.STATEMENT.sqlName();
        }
    }

    /**
     * The same breakage over the data as it is now: schema, rows, sequences, engine and TVIEWs
     * captured again (the read models are rebuilt from those rows by {@code create}). The
     * concurrency checker takes one at the start of each round, when every session is idle and the
     * oracle has just passed, so that a failing round's script needs only that round's steps.
     */
    public Capture recapture(CheckSession session) throws SQLException {
        String mode = setup.stream().filter(b -> b instanceof ScriptBlock.Install)
                .map(b -> ((ScriptBlock.Install) b).triggerMode()).findFirst()
                .orElseGet(() -> TriggerMode.STATEMENT.sqlName());
        return new Capture(SetupCapture.capture(session.connection(), session.scenario(), session.catalog(), mode), breakage);
    }

    public Script script(List<String> header, List<ScriptBlock.Step> steps, ScriptBlock.Check check) {
        return Reproducers.script(header, setup, breakage, steps, check);
    }
}
