package io.homeostat.processor.attributes;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/**
 * A list of validated {@link ActionConfig}s compiled once, applied to attribute lists: a record's
 * attributes (the {@code attributes} processor) or a resource's ({@code resource}).
 *
 * <p>Edits are copy on write: the list given is never changed, and when no action applies it is
 * returned as it is, so the caller can tell by identity that the record is unchanged. Actions
 * that do not apply cost a look-up and no allocation. An instance keeps matchers and a digest
 * between calls: create one per pipeline, as each pipeline runs on one thread.
 */
public final class AttributeActions {

  private final AttributeAction[] actions;

  private AttributeActions(AttributeAction[] actions) {
    this.actions = actions;
  }

  /** Compiles validated actions. */
  public static AttributeActions compile(List<ActionConfig> configs) {
    return new AttributeActions(configs.stream().map(AttributeActions::compile)
        .toArray(AttributeAction[]::new));
  }

  private static AttributeAction compile(ActionConfig config) {
    return switch (config.actionType()) {
      case INSERT, UPDATE, UPSERT -> new SetAction(config.key(), config.actionType(), config.literal(),
          config.fromAttribute());
      case DELETE -> new DeleteAction(new AttributeNames(config.key(), config.pattern()));
      case HASH -> new HashAction(new AttributeNames(config.key(), config.pattern()));
      case EXTRACT -> new ExtractAction(config.key(), NamedGroups.compile(config.pattern()));
      case CONVERT -> new ConvertAction(config.key(), config.targetType());
    };
  }

  /** The attributes after every action, in order; {@code attributes} itself when none applied. */
  public List<KeyValue> apply(List<KeyValue> attributes) {
    List<KeyValue> out = attributes;
    for (AttributeAction action : actions) {
      out = action.apply(out);
    }
    return out;
  }
}
