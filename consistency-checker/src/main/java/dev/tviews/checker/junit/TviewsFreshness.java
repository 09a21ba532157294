package dev.tviews.checker.junit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.sql.DataSource;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * JUnit 5 extension: after each test, the TVIEWs are fresh, or the test fails with the oracle's
 * diff. Either declaratively, on the field that reaches the database:
 *
 * <pre>{@code
 * @ExtendWith(TviewsFreshness.class)
 * class OrderServiceTest {
 *     @TviewsDatabase DataSource dataSource;          // or a Connection, or a Supplier of either
 *     ...
 * }
 * }</pre>
 *
 * or programmatically:
 *
 * <pre>{@code
 * @RegisterExtension
 * static TviewsFreshness fresh = TviewsFreshness.using(() -> DriverManager.getConnection(url), "tv_order");
 * }</pre>
 *
 * A test that already failed is not checked again (its own failure is the one to read).
 */
public final class TviewsFreshness implements AfterEachCallback {

    /** Opens a connection for one check; it is closed afterwards. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    private final ConnectionOpener opener;
    private final String[] tviews;

    /** Declarative use: finds the {@link TviewsDatabase} field of the test instance. */
    public TviewsFreshness() {
        this(null, new String[0]);
    }

    private TviewsFreshness(ConnectionOpener opener, String[] tviews) {
        this.opener = opener;
        this.tviews = tviews;
    }

    /** Checks the TVIEWs named (all when none) on a connection {@code opener} opens after each test, then closes. */
    public static TviewsFreshness using(ConnectionOpener opener, String... tviews) {
        return new TviewsFreshness(opener, tviews.clone());
    }

    /** Checks on a connection from {@code dataSource} after each test. */
    public static TviewsFreshness using(DataSource dataSource, String... tviews) {
        return new TviewsFreshness(dataSource::getConnection, tviews.clone());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (context.getExecutionException().isPresent()) {
            return;
        }
        if (opener != null) {
            try (Connection c = opener.open()) {
                TviewsAssertions.assertFresh(c, tviews);
            }
            return;
        }
        Object instance = context.getRequiredTestInstance();
        Field field = annotatedField(instance.getClass());
        field.setAccessible(true);
        Object value = field.get(instance);
        String[] names = field.getAnnotation(TviewsDatabase.class).tviews();
        if (value instanceof Supplier<?> supplier) {
            value = supplier.get();
        }
        if (value instanceof Connection c) {
            TviewsAssertions.assertFresh(c, names);
        } else if (value instanceof DataSource ds) {
            try (Connection c = ds.getConnection()) {
                TviewsAssertions.assertFresh(c, names);
            }
        } else {
            throw new ExtensionConfigurationException("field " + field.getName() + " annotated @TviewsDatabase holds "
                    + (value == null ? "null" : value.getClass().getName()) + "; it must hold a Connection, a DataSource or "
                    + "a Supplier of one, set before the test ends");
        }
    }

    private static Field annotatedField(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(TviewsDatabase.class)) {
                    return f;
                }
            }
        }
        throw new ExtensionConfigurationException(type.getName() + " uses TviewsFreshness but has no field annotated "
                + "@TviewsDatabase (a Connection, DataSource or Supplier of one); annotate it, or register the "
                + "extension with TviewsFreshness.using(...)");
    }
}
