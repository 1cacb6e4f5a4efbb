package io.homeostat.core.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The YAML key of a config record component, where it is not the component's name in snake case
 * (the binder maps {@code maxElapsedTime} to {@code max_elapsed_time} by itself).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD,
    ElementType.METHOD})
public @interface ConfigKey {
  String value();
}
