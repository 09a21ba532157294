package dev.tviews.database.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many streaming standbys of the run's server a {@link dev.tviews.database.Replicas} test parameter gets
 * (1 without the annotation); they are stopped when the test ends.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Standbys {
    int value() default 1;
}
