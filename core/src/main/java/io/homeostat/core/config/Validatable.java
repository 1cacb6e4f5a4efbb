package io.homeostat.core.config;

/**
 * A config record that checks itself once bound. The binder calls {@link #validate} and places
 * each violation at the YAML line of the key it names.
 */
public interface Validatable {

  /** Reports every violation; must not stop at the first. */
  void validate(Violations violations);

  /** Where a record reports what is wrong with it. */
  interface Violations {

    /** A violation of the value at {@code key} (the YAML key, such as {@code max_interval}). */
    void add(String key, String message);

    /** A violation of the record as a whole. */
    void add(String message);
  }
}
