package io.homeostat.processor.redaction;

/** What a redaction was made for: the {@code rule} label of the redaction counter. */
enum Rule {
  EMAIL("email"),
  CARD("card"),
  SECRET_KEY("secret_key"),
  BLOCKED_VALUE("blocked_value"),
  NOT_ALLOWED("not_allowed");

  private final String label;

  Rule(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
