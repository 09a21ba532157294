package dev.tviews.checker.run;

import dev.tviews.database.PostgresServer;
import dev.tviews.database.TemplateDatabase;
import dev.tviews.scenarios.generate.DataLoader;
import dev.tviews.scenarios.generate.LoadOptions;
import dev.tviews.scenarios.model.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scenarios loaded once into template databases and cloned per run (a clone takes milliseconds,
 * a load seconds); later, the reducer replays candidate logs on clones of the same templates.
 * Closing drops the templates.
 */
public final class ScenarioTemplates implements AutoCloseable {

    private final PostgresServer server;
    private final String prefix;
    private final Map<String, TemplateDatabase> templates = new ConcurrentHashMap<>();

    /**
     * @param uniqueNames name templates after this process, so that runs sharing a server do not
     *                    replace each other's templates; without it, a template of the same name
     *                    from an earlier run is replaced (tests on an external server leave none behind)
     */
    public ScenarioTemplates(PostgresServer server, boolean uniqueNames) {
        this.server = server;
        this.prefix = "tviews_check_" + (uniqueNames ? ProcessHandle.current().pid() + "_" : "");
    }

    public PostgresServer server() {
        return server;
    }

    /** The template holding {@code scenario} loaded at {@code scale} with the scenario's own seed. */
    public TemplateDatabase template(Scenario scenario, String scale) {
        String key = scenario.source() + "\u0000" + scenario.name() + "\u0000" + scale;
        return templates.computeIfAbsent(key, k -> TemplateDatabase.create(server, name(scenario, scale),
                c -> DataLoader.load(c, scenario, scale, LoadOptions.quiet())));
    }

    private String name(Scenario scenario, String scale) {
        String n = (prefix + scenario.name() + "_" + scale).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return n.length() > 50 ? n.substring(0, 50) + "_" + Integer.toHexString(n.hashCode()) : n;
    }

    @Override
    public void close() {
        List<RuntimeException> errors = new ArrayList<>();
        for (TemplateDatabase t : templates.values()) {
            try {
                t.close();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        templates.clear();
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }
}
