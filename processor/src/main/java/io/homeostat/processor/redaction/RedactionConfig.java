package io.homeostat.processor.redaction;

import io.homeostat.core.config.Validatable;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code redaction} processor's config: the Collector's redaction processor's keys
 * ({@code allow_all_keys}, {@code allowed_keys}, {@code ignored_keys}, {@code blocked_values},
 * {@code summary}) with built-in rules for e-mail addresses, card numbers and secret keys on top.
 * See docs/processors/redaction.md.
 *
 * @param action what a finding becomes unless its rule says otherwise: {@code mask} (replaced by
 *     {@code mask_text}) or {@code hash} (SHA-256, hex)
 * @param maskText the text that replaces what is masked
 * @param hashSalt prepended to a value before it is hashed, so that hashes cannot be looked up in
 *     a table of known values; keep it secret ({@code ${env:REDACTION_SALT}})
 * @param email e-mail addresses in string values
 * @param card payment card numbers in string and integer values
 * @param secretKey values of keys that name secrets, as attributes and as {@code key=value} text
 * @param blockedValues regular expressions; what they find in string values is redacted with
 *     {@code action}
 * @param allowAllKeys false removes every attribute whose key is not in {@code allowed_keys} or
 *     {@code ignored_keys}
 * @param allowedKeys the attributes kept when {@code allow_all_keys} is false
 * @param ignoredKeys attributes never touched: not scanned, never removed
 * @param resourceAttributes whether resource attributes are redacted too
 * @param summary which diagnostic attributes a redacted record gets
 */
public record RedactionConfig(Action action, String maskText, String hashSalt, EmailRule email,
    CardRule card, SecretKeyRule secretKey, List<Pattern> blockedValues, boolean allowAllKeys,
    List<String> allowedKeys, List<String> ignoredKeys, boolean resourceAttributes,
    Summary summary) implements Validatable {

  /** The key names that hold secrets unless {@code secret_key.keys} says otherwise. */
  public static final List<String> DEFAULT_SECRET_KEYS = List.of("password", "passwd", "pwd",
      "secret", "token", "api_key", "apikey", "authorization", "cookie", "set-cookie", "private_key");

  static final RedactionConfig DEFAULT = new RedactionConfig(Action.MASK, "****", "",
      new EmailRule(true, null), new CardRule(true, null, false),
      new SecretKeyRule(true, null, DEFAULT_SECRET_KEYS, List.of()), List.of(), true, List.of(),
      List.of(), true, Summary.SILENT);

  /** What a finding becomes. */
  public enum Action { MASK, HASH }

  /** The Collector's summary levels. */
  public enum Summary {
    /** No diagnostic attributes. */
    SILENT,
    /** {@code redaction.masked.count} and {@code redaction.redacted.count}. */
    INFO,
    /** The counts and the keys: {@code redaction.masked.keys}, {@code redaction.redacted.keys}. */
    DEBUG
  }

  /**
   * @param enabled whether addresses are looked for
   * @param action overrides the processor's {@code action} for addresses
   */
  public record EmailRule(boolean enabled, Action action) {}

  /**
   * @param enabled whether card numbers are looked for
   * @param action overrides the processor's {@code action} for card numbers
   * @param keepLastFour masks all but the last four digits ({@code ****1111}), as receipts do
   */
  public record CardRule(boolean enabled, Action action, boolean keepLastFour) {}

  /**
   * @param enabled whether secret keys are looked for
   * @param action overrides the processor's {@code action} for secret values
   * @param keys the names of secret keys, matched as whole words of a key without case
   * @param extraKeys more names, added to {@code keys} (so that the defaults stay)
   */
  public record SecretKeyRule(boolean enabled, Action action, List<String> keys,
      List<String> extraKeys) {

    /** Every configured name. */
    List<String> allKeys() {
      return java.util.stream.Stream.concat(keys.stream(), extraKeys.stream()).toList();
    }
  }

  /** The action of {@code rule}: its own, or the processor's. */
  Action actionOf(Rule rule) {
    Action own = switch (rule) {
      case EMAIL -> email.action();
      case CARD -> card.action();
      case SECRET_KEY -> secretKey.action();
      case BLOCKED_VALUE, NOT_ALLOWED -> null;
    };
    return own != null ? own : action;
  }

  @Override
  public void validate(Violations violations) {
    if (maskText.isEmpty()) {
      violations.add("mask_text", "must not be empty: the text that replaces what is masked, such as ****");
    }
    if (allowAllKeys && !allowedKeys.isEmpty()) {
      violations.add("allowed_keys", "has no effect while allow_all_keys is true: "
          + "set allow_all_keys: false to keep only the listed keys");
    }
    if (!email.enabled() && !card.enabled() && !secretKey.enabled() && blockedValues.isEmpty()
        && allowAllKeys) {
      violations.add("redacts nothing as written: enable email, card or secret_key, "
          + "list blocked_values, or set allow_all_keys: false");
    }
    if (card.enabled() && card.keepLastFour() && actionOf(Rule.CARD) == Action.HASH) {
      violations.add("card.keep_last_four", "applies to action mask only, but cards are hashed: "
          + "set card.action: mask, or keep_last_four: false");
    }
    if (!hashSalt.isEmpty() && !hashes()) {
      violations.add("hash_salt", "has no effect: no rule hashes; "
          + "set action: hash (or a rule's action), or remove hash_salt");
    }
    if (secretKey.enabled()) {
      if (secretKey.allKeys().isEmpty()) {
        violations.add("secret_key.keys", "is empty, so no key is secret: list names such as "
            + "password, or set secret_key.enabled: false");
      }
      for (String name : secretKey.allKeys()) {
        if (SecretKeys.hasNoWord(name)) {
          violations.add(secretKey.keys().contains(name) ? "secret_key.keys" : "secret_key.extra_keys",
              "'" + name + "' has no letter or digit, so it matches no key: use names such as "
                  + "password or api_key");
        }
      }
    }
    for (String key : allowedKeys) {
      if (key.isEmpty()) {
        violations.add("allowed_keys", "holds an empty key: list attribute keys such as http.route");
      }
    }
    for (String key : ignoredKeys) {
      if (key.isEmpty()) {
        violations.add("ignored_keys", "holds an empty key: list attribute keys such as trace_id");
      }
    }
  }

  private boolean hashes() {
    return (email.enabled() && actionOf(Rule.EMAIL) == Action.HASH)
        || (card.enabled() && actionOf(Rule.CARD) == Action.HASH)
        || (secretKey.enabled() && actionOf(Rule.SECRET_KEY) == Action.HASH)
        || (!blockedValues.isEmpty() && action == Action.HASH);
  }
}
