package io.homeostat.homeostasis.intents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.YamlConfigReader;
import io.homeostat.core.retry.RetryConfig;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedbackConfigTest {

  record Top(FeedbackConfig feedback) {}

  static ConfigProblems problems;

  static FeedbackConfig bind(String yaml) {
    problems = new ConfigProblems();
    var root = new YamlConfigReader(new EnvExpander(name -> null))
        .read("homeostat.yaml", new StringReader(yaml), problems);
    return new ConfigBinder(problems).bind(root, Top.class, new Top(FeedbackConfig.defaults()))
        .feedback();
  }

  static List<String> errors(String yaml) {
    bind(yaml);
    return problems.errors().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void leftOutKeysKeepTheirDefaults() {
    FeedbackConfig config = bind("""
        feedback:
          intents:
            file: data/intents.jsonl
            webhooks:
              - url: http://hooks:9000/intents
                bearer_token: s3cret
          issue_ttl: 12h
        """);
    assertEquals(List.of(), problems.all());
    assertEquals(new FeedbackConfig(new IntentsConfig("data/intents.jsonl", List.of(
        new IntentWebhookConfig("http://hooks:9000/intents", Duration.ofSeconds(10), Map.of(),
            "s3cret", null, RetryConfig.DEFAULT)), 100), Duration.ofHours(12), 1000, 100,
        Duration.ofMinutes(1)), config);
  }

  @Test
  void badValuesAreReportedWithTheirPlaceAndFix() {
    assertEquals(List.of(
        "homeostat.yaml:4:14: feedback.intents.webhooks[0].url: invalid URL 'ftp://hooks/intents': "
            + "write an http:// or https:// URL, such as http://hooks:9000/intents",
        "homeostat.yaml:5:18: feedback.intents.webhooks[0].timeout: must be positive, was 0s: it "
            + "limits each attempt to deliver a notification, such as 10s",
        "homeostat.yaml:7:18: feedback.intents.webhooks[0].headers: header 'Authorization' and "
            + "bearer_token both set the credentials: keep one of them",
        "homeostat.yaml:8:9: feedback.intents.webhooks[1].url: is required: write an http:// or "
            + "https:// URL, such as http://hooks:9000/intents",
        "homeostat.yaml:9:13: feedback.intents.recent: must be at least 1, was 0: how many of the "
            + "newest intents the admin API lists, such as 100",
        "homeostat.yaml:10:14: feedback.issue_ttl: must be positive, was 0s: an issue closes after "
            + "this long without an occurrence, such as 24h",
        "homeostat.yaml:11:20: feedback.max_open_issues: must be at least 1, was 0: the most "
            + "issues tracked at once, such as 1000",
        "homeostat.yaml:12:19: feedback.critical_burst: must not be negative, was -1: write 0 to "
            + "turn the rule off, or a count such as 100",
        "homeostat.yaml:13:26: feedback.critical_burst_window: must be positive, was 0s: such as 1m"),
        errors("""
            feedback:
              intents:
                webhooks:
                  - url: ftp://hooks/intents
                    timeout: 0s
                    bearer_token: t
                    headers: { Authorization: Basic x }
                  - timeout: 1s
                recent: 0
              issue_ttl: 0s
              max_open_issues: 0
              critical_burst: -1
              critical_burst_window: 0s
            """));
  }

  @Test
  void anEmptyFileOrSecretIsAnError() {
    assertEquals(List.of(
        "homeostat.yaml:3:11: feedback.intents.file: must not be empty: write a path such as "
            + "data/intents.jsonl, or leave the key out to write no file",
        "homeostat.yaml:4:46: feedback.intents.webhooks[0].hmac_secret: must not be empty (is the "
            + "environment variable it names set?); remove the key to send unsigned intents"),
        errors("""
            feedback:
              intents:
                file: ""
                webhooks: [{url: http://h/, hmac_secret: ""}]
            """));
  }
}
