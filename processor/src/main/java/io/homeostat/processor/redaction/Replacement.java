package io.homeostat.processor.redaction;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.processor.redaction.RedactionConfig.Action;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What a finding becomes: the mask, or the SHA-256 of the salt and the value in hex, so that the
 * same value still correlates across records without being readable. E-mail addresses are hashed
 * in lower case and card numbers as their digits alone, so that {@code Bob@Example.com} and
 * {@code bob@example.com}, or a number written with and without spaces, hash alike.
 *
 * <p>Holds a {@link MessageDigest}, so one instance per processor (pipeline thread only).
 */
final class Replacement {

  private final Action[] actions = new Action[Rule.values().length];
  private final String mask;
  private final AnyValue maskValue;
  private final boolean keepLastFour;
  private final byte[] salt;
  private final MessageDigest sha256;

  Replacement(RedactionConfig config) {
    for (Rule rule : Rule.values()) {
      actions[rule.ordinal()] = config.actionOf(rule);
    }
    this.mask = config.maskText();
    this.maskValue = KeyValues.string(mask);
    this.keepLastFour = config.card().keepLastFour();
    this.salt = config.hashSalt().getBytes(StandardCharsets.UTF_8);
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  String mask() {
    return mask;
  }

  /**
   * Appends what replaces {@code text[start, end)}, found by {@code rule}; {@code alone} is false
   * when the range was merged from several findings.
   */
  void append(StringBuilder out, Rule rule, String text, int start, int end, boolean alone) {
    if (actions[rule.ordinal()] == Action.HASH) {
      String value = text.substring(start, end);
      out.append(hash(switch (rule) {
        case EMAIL -> value.toLowerCase(Locale.ROOT);
        case CARD -> digits(value);
        default -> value;
      }));
    } else if (rule == Rule.CARD && keepLastFour && alone) {
      out.append(mask).append(lastFourDigits(text, end));
    } else {
      out.append(mask);
    }
  }

  /** What replaces the whole value of a secret key. */
  AnyValue secret(AnyValue value) {
    return actions[Rule.SECRET_KEY.ordinal()] == Action.HASH
        ? KeyValues.string(hash(KeyValues.asString(value))) : maskValue;
  }

  /** What replaces a card number carried as an integer. */
  AnyValue card(long number) {
    if (actions[Rule.CARD.ordinal()] == Action.HASH) {
      return KeyValues.string(hash(Long.toString(number)));
    }
    return keepLastFour ? KeyValues.string(mask + String.format("%04d", number % 10_000)) : maskValue;
  }

  /** True when {@code value} is already the mask, so that redacting twice changes nothing. */
  boolean isMask(AnyValue value) {
    return value.getValueCase() == AnyValue.ValueCase.STRING_VALUE
        && value.getStringValue().equals(mask);
  }

  private String hash(String value) {
    sha256.reset();
    sha256.update(salt);
    return HexFormat.of().formatHex(sha256.digest(value.getBytes(StandardCharsets.UTF_8)));
  }

  /** The last four digits before {@code end}, past the separators of a grouped number. */
  private static String lastFourDigits(String text, int end) {
    char[] last = new char[4];
    int found = 0;
    for (int i = end - 1; found < 4; i--) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        last[3 - found++] = c;
      }
    }
    return new String(last);
  }

  private static String digits(String value) {
    StringBuilder digits = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    return digits.toString();
  }
}
