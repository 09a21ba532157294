package dev.tviews.database.junit;

import dev.tviews.database.FreshDatabase;
import dev.tviews.database.PostgresServer;
import dev.tviews.database.PostgresServers;
import dev.tviews.database.Replicas;
import dev.tviews.database.SqlWork;
import dev.tviews.database.TemplateDatabase;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one PostgreSQL server for the whole test run (embedded by default, see
 * {@link dev.tviews.database.PostgresOptions#fromEnvironment()}), stopped when the run ends,
 * whether tests passed or failed. Test methods may take a {@link PostgresServer}, a
 * {@link FreshDatabase}, an empty database of their own that is dropped after the test, or
 * {@link Replicas}: streaming standbys of the server ({@link Standbys}, one by default), stopped after the test.
 */
public final class PostgresExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == PostgresServer.class || type == FreshDatabase.class || type == Replicas.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == PostgresServer.class) {
            return server(context);
        }
        if (parameter.getParameter().getType() == Replicas.class) {
            int count = parameter.findAnnotation(Standbys.class).map(Standbys::value).orElse(1);
            Replicas replicas = Replicas.open(server(context), count, java.util.Optional.empty());
            context.getStore(NAMESPACE).put("replicas:" + parameter.getIndex(), replicas);
            return replicas;
        }
        return freshDatabase(context, template(context, "tviews_empty", connection -> { }));
    }

    /** The run's shared server, started on first use. */
    public static PostgresServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("server", key -> PostgresServers.openDefault(), PostgresServer.class);
    }

    /**
     * A template database prepared once per run under {@code name}; later calls with the same
     * name return the same template, so {@code initializer} runs once.
     */
    public static TemplateDatabase template(ExtensionContext context, String name, SqlWork initializer) {
        PostgresServer server = server(context);
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("template:" + name, key -> TemplateDatabase.create(server, name, initializer),
                        TemplateDatabase.class);
    }

    /** A clone of {@code template} that is dropped when {@code context} (usually the test method) ends. */
    public static FreshDatabase freshDatabase(ExtensionContext context, TemplateDatabase template) {
        FreshDatabase db = template.cloneFresh();
        context.getStore(NAMESPACE).put("fresh:" + db.name(), db);
        return db;
    }
}
