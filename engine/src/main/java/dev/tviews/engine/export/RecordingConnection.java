package dev.tviews.engine.export;

import dev.tviews.sql.Identifiers;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A connection that passes everything to a real one and records, as literal SQL, each statement
 * sent with {@code execute}/{@code executeUpdate} (not {@code executeQuery}: reads change
 * nothing). Prepared statements are rendered with their parameters as literals, so the record
 * replays on another database. The compiler needs no change to be recorded.
 */
final class RecordingConnection {

    private RecordingConnection() {
    }

    static Connection wrap(Connection real, List<String> record) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (method.getName().equals("createStatement")) {
                        return statement((Statement) result, Statement.class, null, record);
                    }
                    if (method.getName().equals("prepareStatement")) {
                        return statement((Statement) result, PreparedStatement.class, (String) args[0], record);
                    }
                    return result;
                });
    }

    private static Object statement(Statement real, Class<?> type, String preparedSql, List<String> record) {
        Map<Integer, String> params = new TreeMap<>();
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length == 2 && args[0] instanceof Integer i) {
                params.put(i, literal(args[1]));
            } else if (name.equals("setNull")) {
                params.put((Integer) args[0], "NULL");
            } else if ((name.equals("execute") || name.equals("executeUpdate") || name.equals("executeLargeUpdate"))) {
                record.add(args == null || args.length == 0 ? render(preparedSql, params) : (String) args[0]);
            }
            return invoke(real, method, args);
        };
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Replaces each {@code ?} with its parameter; the compiler's SQL has no {@code ?} inside literals. */
    static String render(String sql, Map<Integer, String> params) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '?') {
                String value = params.get(++n);
                if (value == null) {
                    throw new IllegalStateException("parameter " + n + " of a recorded statement was not set: " + sql);
                }
                out.append(value);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static String literal(Object value) throws SQLException {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Array a) {
            StringBuilder out = new StringBuilder("ARRAY[");
            Object[] items = (Object[]) a.getArray();
            for (int i = 0; i < items.length; i++) {
                out.append(i == 0 ? "" : ", ").append(literal(items[i]));
            }
            return out.append("]::").append(a.getBaseTypeName()).append("[]").toString();
        }
        return Identifiers.literal(value.toString());
    }
}
