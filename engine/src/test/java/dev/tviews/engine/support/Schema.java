package dev.tviews.engine.support;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives each test method a {@link TestDb}: a fresh database cloned from a template holding the
 * tviews runtime (unless {@code runtime = false}) and the named schema ({@code schemas/<name>.sql} on the test class path).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestDbExtension.class)
public @interface Schema {
    String value();

    /** False: the database holds only the schema, without the tviews runtime (export and upgrade tests). */
    boolean runtime() default true;
}
