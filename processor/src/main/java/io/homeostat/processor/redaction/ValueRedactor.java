package io.homeostat.processor.redaction;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.otlp.Rewrites;
import io.homeostat.core.req.ReqKeys;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Redacts attribute lists and values, copy-on-write: what holds nothing to redact comes back as
 * the same instance, so that a clean record is never rebuilt.
 *
 * <ul>
 *   <li>An ignored key is passed as it is.
 *   <li>With {@code allow_all_keys: false}, a top-level attribute whose key is neither allowed nor
 *       ignored is removed. The requirement keys ({@code req}, {@code req.*}) are always allowed:
 *       they are what Homeostat exists to carry, and they are still scanned.
 *   <li>The value of a secret key is replaced whole, whatever its type, except a boolean (one
 *       bit is no secret) and an empty value.
 *   <li>Any other value is scanned: strings by {@link TextRedactor}, integers for card numbers,
 *       arrays item by item, key-value lists entry by entry with the same rules for their keys.
 * </ul>
 */
final class ValueRedactor {

  private final TextRedactor text;
  private final SecretKeys secretKeys;
  private final boolean secrets;
  private final boolean cards;
  private final boolean allowAll;
  private final Set<String> allowed;
  private final Set<String> ignored;
  private final Replacement replacement;
  private final Tally tally;

  private final UnaryOperator<KeyValue> topLevel = this::topLevel;
  private final UnaryOperator<KeyValue> entry = this::entry;
  private final UnaryOperator<AnyValue> item = this::value;

  ValueRedactor(RedactionConfig config, TextRedactor text, SecretKeys secretKeys,
      Replacement replacement, Tally tally) {
    this.text = text;
    this.secretKeys = secretKeys;
    this.secrets = config.secretKey().enabled();
    this.cards = config.card().enabled();
    this.allowAll = config.allowAllKeys();
    this.allowed = new HashSet<>(config.allowedKeys());
    this.ignored = new HashSet<>(config.ignoredKeys());
    this.replacement = replacement;
    this.tally = tally;
  }

  /** A record's or resource's attributes: the allow list applies. */
  List<KeyValue> attributes(List<KeyValue> attributes) {
    return Rewrites.each(attributes, topLevel);
  }

  /** A string field that is no attribute: a span's name or status message, an event's name. */
  String text(String value) {
    tally.at(null);
    return text.redact(value);
  }

  /** A value that is no attribute (a log body). */
  AnyValue body(AnyValue value) {
    tally.at(null);
    return value(value);
  }

  private KeyValue topLevel(KeyValue attribute) {
    String key = attribute.getKey();
    if (ignored.contains(key)) {
      return attribute;
    }
    if (!allowAll && !allowed.contains(key) && !isRequirementKey(key)) {
      tally.removed(key);
      return null;
    }
    tally.at(key);
    return redacted(attribute);
  }

  private KeyValue entry(KeyValue attribute) {
    return ignored.contains(attribute.getKey()) ? attribute : redacted(attribute);
  }

  private KeyValue redacted(KeyValue attribute) {
    AnyValue value = attribute.getValue();
    AnyValue edited = secrets && secretKeys.matches(attribute.getKey()) ? secret(value) : value(value);
    return edited == value ? attribute : attribute.toBuilder().setValue(edited).build();
  }

  private AnyValue secret(AnyValue value) {
    boolean empty = switch (value.getValueCase()) {
      case BOOL_VALUE, VALUE_NOT_SET -> true;
      case STRING_VALUE -> value.getStringValue().isEmpty();
      case BYTES_VALUE -> value.getBytesValue().isEmpty();
      case ARRAY_VALUE -> value.getArrayValue().getValuesCount() == 0;
      case KVLIST_VALUE -> value.getKvlistValue().getValuesCount() == 0;
      default -> false;
    };
    if (empty || replacement.isMask(value)) {
      return value;
    }
    tally.masked(Rule.SECRET_KEY);
    return replacement.secret(value);
  }

  private AnyValue value(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE -> {
        String original = value.getStringValue();
        String edited = text.redact(original);
        return edited == original ? value : KeyValues.string(edited);
      }
      case INT_VALUE -> {
        if (cards && Cards.isCard(value.getIntValue())) {
          tally.masked(Rule.CARD);
          return replacement.card(value.getIntValue());
        }
        return value;
      }
      case ARRAY_VALUE -> {
        List<AnyValue> items = value.getArrayValue().getValuesList();
        List<AnyValue> edited = Rewrites.each(items, item);
        return edited == items ? value : AnyValue.newBuilder()
            .setArrayValue(ArrayValue.newBuilder().addAllValues(edited)).build();
      }
      case KVLIST_VALUE -> {
        List<KeyValue> entries = value.getKvlistValue().getValuesList();
        List<KeyValue> edited = Rewrites.each(entries, entry);
        return edited == entries ? value : AnyValue.newBuilder()
            .setKvlistValue(KeyValueList.newBuilder().addAllValues(edited)).build();
      }
      default -> {
        return value;
      }
    }
  }

  private static boolean isRequirementKey(String key) {
    return key.startsWith(ReqKeys.KEY) && (key.length() == ReqKeys.KEY.length()
        || key.charAt(ReqKeys.KEY.length()) == '.');
  }
}
