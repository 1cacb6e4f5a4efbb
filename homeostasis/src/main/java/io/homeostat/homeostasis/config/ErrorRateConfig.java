package io.homeostat.homeostasis.config;

import io.homeostat.core.config.Validatable;

/**
 * The {@code error_rate} source as written: {@code true} for every span of the requirement, or
 * {@code {span: NAME}} for the spans of one name. Public for the config binder, which reads the
 * {@code true} form through {@link #parse}.
 *
 * @param span the spans' name; null for every span of the requirement
 */
public record ErrorRateConfig(String span) implements Validatable {

  static ErrorRateConfig defaults() {
    return new ErrorRateConfig(null);
  }

  /** The scalar form: only {@code true}. */
  public static ErrorRateConfig parse(String text) {
    if (text.strip().equalsIgnoreCase("true")) {
      return new ErrorRateConfig(null);
    }
    if (text.strip().equalsIgnoreCase("false")) {
      throw new IllegalArgumentException("error_rate: false measures nothing: remove the target, or "
          + "write true (every span of the requirement) or {span: NAME}");
    }
    throw new IllegalArgumentException("expected true (every span of the requirement) or "
        + "{span: NAME}, found '" + text + "'");
  }

  @Override
  public void validate(Violations violations) {
    if (span == null || span.isBlank()) {
      violations.add("span", "is required in this form: the spans' name; or write error_rate: true "
          + "for every span of the requirement");
    }
  }
}
