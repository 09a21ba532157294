package dev.tviews.checker.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the field of a test class that {@link TviewsFreshness} checks after each test: a
 * {@link java.sql.Connection}, a {@link javax.sql.DataSource} (a connection is opened and closed
 * for the check, so it sees committed data), or a {@link java.util.function.Supplier} of either.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface TviewsDatabase {

    /** TVIEWs to check; all of the database's when empty. */
    String[] tviews() default {};
}
