package io.homeostat.homeostasis.intents;

import io.homeostat.core.config.Validatable;
import java.util.List;

/**
 * {@code feedback.intents}: where feedback intents go.
 *
 * @param file a JSON-lines file each intent is appended to, one per line; none when null. A
 *     relative path starts at the config file's directory.
 * @param webhooks URLs each intent is posted to as JSON
 * @param recent how many of the newest intents the admin API lists
 */
public record IntentsConfig(String file, List<IntentWebhookConfig> webhooks, int recent)
    implements Validatable {

  public static IntentsConfig defaults() {
    return new IntentsConfig(null, List.of(), 100);
  }

  @Override
  public void validate(Violations violations) {
    if (file != null && file.isBlank()) {
      violations.add("file", "must not be empty: write a path such as data/intents.jsonl, "
          + "or leave the key out to write no file");
    }
    if (recent < 1) {
      violations.add("recent", "must be at least 1, was " + recent
          + ": how many of the newest intents the admin API lists, such as 100");
    }
  }
}
