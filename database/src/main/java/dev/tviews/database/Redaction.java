package dev.tviews.database;

import java.util.Properties;

/** Keeps a password out of a message that quotes the driver, which may echo what it was given. */
final class Redaction {
    private Redaction() {
    }

    static String without(String message, Properties properties) {
        if (message == null) {
            return "";
        }
        String password = properties.getProperty("password");
        return password == null || password.isEmpty() ? message : message.replace(password, "***");
    }
}
