package dev.tviews.checker;

import dev.tviews.checker.run.CheckOptions;
import dev.tviews.checker.run.CheckResult;
import dev.tviews.checker.run.CheckSession;
import dev.tviews.checker.run.CheckTarget;
import dev.tviews.checker.run.ProgressListener;
import dev.tviews.checker.run.ScenarioTemplates;
import dev.tviews.checker.run.StatementLog;
import dev.tviews.database.PostgresServer;
import dev.tviews.scenarios.BundledScenarios;
import dev.tviews.scenarios.model.Scenario;
import dev.tviews.scenarios.yaml.ScenarioReader;
import dev.tviews.scenarios.yaml.ScenarioSource;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Shared test plumbing: one template per bundled scenario and scale for the whole test run. */
final class CheckerTests {

    private static final Map<PostgresServer, ScenarioTemplates> TEMPLATES = new ConcurrentHashMap<>();
    static final Path LOGS = Path.of("target", "checker-logs");

    private CheckerTests() {
    }

    static ScenarioTemplates templates(PostgresServer server) {
        return TEMPLATES.computeIfAbsent(server, s -> new ScenarioTemplates(s, false));
    }

    /** A session on a bundled scenario, or on one of this module's test scenarios ({@code shapes}). */
    static CheckSession session(PostgresServer server, String scenario, String scale, String engine) throws SQLException {
        return CheckSession.open(templates(server), new CheckTarget(scenario, scenario(scenario), scale, engine));
    }

    static Scenario scenario(String name) {
        if (BundledScenarios.names().contains(name)) {
            return BundledScenarios.load(name);
        }
        return ScenarioReader.read(ScenarioSource.classpath("scenarios/" + name + ".yaml"));
    }

    /** Runs, writes the log under target/checker-logs when the run failed, and returns the result. */
    static CheckResult run(CheckSession session, CheckOptions options) throws Exception {
        StatementLog log = StatementLog.inMemory();
        CheckResult result = session.run(options, log, ProgressListener.NONE);
        if (!result.passed() || Boolean.getBoolean("checker.keepLogs")) {
            Path file = LOGS.resolve(session.scenario().name() + "-" + session.engine().name() + "-" + options.seed() + ".sql");
            log.writeTo(file);
            System.out.println("statement log of the failed run: " + file.toAbsolutePath());
        }
        return result;
    }
}
