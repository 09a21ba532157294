package dev.tviews.engine.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;

/**
 * A connection that keeps the NOTICEs the server sends to any statement it creates: the engine
 * runs its statements on objects a caller never sees, whose warnings are otherwise lost.
 */
public final class Notices {

    private Notices() {
    }

    /** {@code real}, with every notice its statements receive appended to {@code notices}. */
    public static Connection collect(Connection real, List<String> notices) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (result instanceof Statement st) {
                        return statement(st, method.getReturnType(), notices);
                    }
                    return result;
                });
    }

    private static Object statement(Statement real, Class<?> type, List<String> notices) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object result = invoke(real, method, args);
            if (method.getName().startsWith("execute")) {
                for (SQLWarning w = real.getWarnings(); w != null; w = w.getNextWarning()) {
                    notices.add(w.getMessage());
                }
                real.clearWarnings();
            }
            return result;
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
