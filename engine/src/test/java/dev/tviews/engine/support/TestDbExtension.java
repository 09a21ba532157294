package dev.tviews.engine.support;

import dev.tviews.database.FreshDatabase;
import dev.tviews.database.TemplateDatabase;
import dev.tviews.database.junit.PostgresExtension;
import dev.tviews.engine.Tviews;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;

/** Resolves {@link TestDb} parameters for classes annotated with {@link Schema}. */
public final class TestDbExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestDbExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
        return p.getParameter().getType() == TestDb.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext context) {
        Schema annotation = context.getRequiredTestClass().getAnnotation(Schema.class);
        String schema = annotation.value();
        TemplateDatabase template = PostgresExtension.template(context,
                "tviews_engine_" + schema + (annotation.runtime() ? "" : "_bare"), c -> {
            if (annotation.runtime()) {
                Tviews.on(c).install();
            }
            try (Statement st = c.createStatement()) {
                st.execute(resource("/schemas/" + schema + ".sql"));
                st.execute("ANALYZE");
            }
        });
        FreshDatabase fresh = PostgresExtension.freshDatabase(context, template);
        try {
            TestDb db = new TestDb(fresh);
            context.getStore(NS).put("db", db);
            return db;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not connect to " + fresh.name(), e);
        }
    }

    static String resource(String path) {
        try (InputStream in = TestDbExtension.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
