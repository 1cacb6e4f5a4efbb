package io.homeostat.processor.attributes;

import io.homeostat.core.otlp.KeyValues;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import java.util.regex.Matcher;

/**
 * {@code extract}: finds the pattern in the text value of {@code key} and sets one attribute per
 * named group, overwriting what was there. A group that took no part in the match sets nothing;
 * a value that is not text, or where the pattern is not found, leaves the record as it is.
 */
final class ExtractAction implements AttributeAction {

  private final String key;
  private final Matcher matcher;
  private final List<String> targets;

  ExtractAction(String key, NamedGroups groups) {
    this.key = key;
    this.matcher = groups.pattern().matcher("");
    this.targets = groups.attributes();
  }

  @Override
  public List<KeyValue> apply(List<KeyValue> attributes) {
    AnyValue source = KeyValues.get(attributes, key);
    if (source == null || source.getValueCase() != AnyValue.ValueCase.STRING_VALUE
        || !matcher.reset(source.getStringValue()).find()) {
      return attributes;
    }
    List<KeyValue> out = attributes;
    for (int group = 1; group <= targets.size(); group++) {
      String match = matcher.group(group);
      if (match == null) {
        continue;
      }
      String target = targets.get(group - 1);
      AnyValue present = KeyValues.get(out, target);
      if (present == null || present.getValueCase() != AnyValue.ValueCase.STRING_VALUE
          || !present.getStringValue().equals(match)) {
        out = KeyValues.put(out, target, KeyValues.string(match));
      }
    }
    return out;
  }
}
