package dev.tviews.scenarios;

import dev.tviews.database.FreshDatabase;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.TemplateDatabase;
import dev.tviews.scenarios.generate.DataLoader;
import dev.tviews.scenarios.generate.LoadOptions;
import dev.tviews.scenarios.model.Scenario;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scenarios loaded once per test run into template databases, cloned per test: a clone takes
 * milliseconds, a load seconds. Keyed by scenario name and scale, so variants of a scenario that
 * only change its operations share the template. A template of the same name is replaced at the
 * next run, so none accumulate on an external server.
 */
final class ScenarioDatabases {

    private static final Map<String, TemplateDatabase> TEMPLATES = new ConcurrentHashMap<>();

    private ScenarioDatabases() {
    }

    /** A fresh database holding {@code scenario} loaded at {@code scale} with its own seed; close it to drop it. */
    static FreshDatabase loaded(PostgresServer server, Scenario scenario, String scale) {
        String name = "tviews_" + scenario.name() + "_" + scale;
        TemplateDatabase template = TEMPLATES.computeIfAbsent(name, n -> TemplateDatabase.create(server, n,
                c -> DataLoader.load(c, scenario, scale, LoadOptions.quiet())));
        return template.cloneFresh();
    }
}
