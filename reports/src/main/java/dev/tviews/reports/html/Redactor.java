package dev.tviews.reports.html;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of reports, which are attached to CI runs and passed around. Settings whose name
 * looks like a credential are masked whole; in any text, {@code password=...}-style pairs and the password
 * of a URL's {@code user:password@} are masked.
 */
public final class Redactor {
    public static final String MASK = "***";

    private static final String SECRET_WORDS =
            "password|passwd|pwd|passphrase|secret|token|credentials?|api[_-]?key|access[_-]?key|private[_-]?key";

    private static final Pattern SENSITIVE_NAME = Pattern.compile("(?i).*(" + SECRET_WORDS + ").*");

    /** {@code password=x}, {@code password: x}, {@code "password": "x"}, {@code PGPASSWORD=x}, in URLs and conninfo. */
    private static final Pattern SECRET_PAIR = Pattern.compile(
            "(?i)([\\w.-]*(?:" + SECRET_WORDS + ")[\"']?\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s&;,)\"']+)");

    /** {@code scheme://user:password@host}. */
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^/@\\s:]*:)([^/@\\s]+)@");

    private Redactor() {
    }

    /** True for names such as "password", "ssl_passphrase_command", "api_key". */
    public static boolean isSensitiveName(String name) {
        return name != null && SENSITIVE_NAME.matcher(name).matches();
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = URL_USER_INFO.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
        return SECRET_PAIR.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }
}
