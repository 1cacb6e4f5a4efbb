package io.homeostat.homeostasis.alerting;

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

class AlertingConfigTest {

  private final ConfigProblems problems = new ConfigProblems();

  private AlertingConfig bind(String yaml) {
    var root = new YamlConfigReader(new EnvExpander(k -> null))
        .read("test.yaml", new StringReader(yaml), problems);
    return new ConfigBinder(problems).bind(root.get("alerting"), AlertingConfig.class, null);
  }

  private List<String> errors() {
    return problems.errors().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void aWebhookWithOnlyItsUrlGetsTheDefaults() {
    AlertingConfig config = bind("alerting:\n  webhooks: [ { url: http://hooks:9000/alerts } ]\n");
    assertEquals(List.of(), errors());
    assertEquals(new AlertingConfig(Duration.ofSeconds(30), Duration.ofHours(4), null,
        List.of(new WebhookConfig("http://hooks:9000/alerts", WebhookFormat.HOMEOSTAT,
            Duration.ofSeconds(10), Map.of(), null, null, RetryConfig.DEFAULT)),
        List.of()), config);
  }

  @Test
  void everyKeyBinds() {
    AlertingConfig config = bind("""
        alerting:
          group_wait: 10s
          repeat_interval: 1h
          external_url: http://homeostat:8888
          webhooks:
            - url: https://hooks.example/alerts
              format: alertmanager
              timeout: 3s
              headers: { X-Team: auth }
              bearer_token: s3cret
              hmac_secret: shared
              retry_on_failure: { enabled: false }
          alertmanager:
            - url: http://alertmanager:9093
              resend_interval: 30s
              timeout: 2s
              headers: { X-Scope-OrgID: team-a }
              bearer_token: am-token
        """);
    assertEquals(List.of(), errors());
    assertEquals(new AlertingConfig(Duration.ofSeconds(10), Duration.ofHours(1),
        "http://homeostat:8888",
        List.of(new WebhookConfig("https://hooks.example/alerts", WebhookFormat.ALERTMANAGER,
            Duration.ofSeconds(3), Map.of("X-Team", "auth"), "s3cret", "shared",
            RetryConfig.DISABLED)),
        List.of(new AlertmanagerConfig("http://alertmanager:9093", Duration.ofSeconds(30),
            Duration.ofSeconds(2), Map.of("X-Scope-OrgID", "team-a"), "am-token",
            RetryConfig.DEFAULT))), config);
    assertEquals("http://alertmanager:9093/api/v2/alerts",
        config.alertmanager().get(0).alertsUrl().toString());
  }

  @Test
  void aWebhookWithoutUrlIsRefused() {
    bind("alerting:\n  webhooks:\n    - format: homeostat\n");
    assertEquals(List.of("test.yaml:3:7: alerting.webhooks[0].url: is required: write an http:// "
        + "or https:// URL, such as http://hooks:9000/alerts"), errors());
  }

  @Test
  void aUrlThatIsNotHttpIsRefused() {
    bind("alerting:\n  webhooks:\n    - url: hooks:9000/alerts\n");
    assertEquals(List.of("test.yaml:3:12: alerting.webhooks[0].url: invalid URL "
        + "'hooks:9000/alerts': write an http:// or https:// URL, such as "
        + "http://hooks:9000/alerts"), errors());
  }

  @Test
  void anUnknownFormatIsRefused() {
    bind("alerting:\n  webhooks:\n    - { url: http://h/a, format: slack }\n");
    assertEquals(List.of("test.yaml:3:34: alerting.webhooks[0].format: expected one of homeostat, "
        + "alertmanager, found 'slack'"), errors());
  }

  @Test
  void aTimeoutOfZeroIsRefused() {
    bind("alerting:\n  webhooks:\n    - { url: http://h/a, timeout: 0 }\n");
    assertEquals(List.of("test.yaml:3:35: alerting.webhooks[0].timeout: must be positive, was 0s: "
        + "it limits each attempt to deliver a notification, such as 10s"), errors());
  }

  @Test
  void headersTheNotifierSetsCannotBeConfigured() {
    bind("alerting:\n  webhooks:\n    - { url: http://h/a, headers: { Content-Type: text/plain } }\n");
    assertEquals(List.of("test.yaml:3:35: alerting.webhooks[0].headers: header 'Content-Type' "
        + "cannot be configured: the notifier sets it"), errors());
  }

  @Test
  void aHeaderNameWithASpaceIsRefused() {
    bind("alerting:\n  webhooks:\n    - { url: http://h/a, headers: { 'X Team': a } }\n");
    assertEquals(List.of("test.yaml:3:35: alerting.webhooks[0].headers: invalid header name "
        + "'X Team': use letters, digits and !#$%&'*+-.^_`|~ only"), errors());
  }

  @Test
  void aHeaderValueWithAControlCharacterIsRefused() {
    bind("alerting:\n  webhooks:\n    - { url: http://h/a, headers: { X-Team: \"a\\nb\" } }\n");
    assertEquals(List.of("test.yaml:3:35: alerting.webhooks[0].headers: the value of header "
        + "'X-Team' must not contain control characters"), errors());
  }

  @Test
  void anAuthorizationHeaderAndABearerTokenAreOneTooMany() {
    bind("alerting:\n  webhooks:\n    - { url: http://h/a, bearer_token: t, "
        + "headers: { Authorization: Basic eA== } }\n");
    assertEquals(List.of("test.yaml:3:52: alerting.webhooks[0].headers: header 'Authorization' "
        + "and bearer_token both set the credentials: keep one of them"), errors());
  }

  @Test
  void anEmptyBearerTokenIsRefused() {
    bind("alerting:\n  alertmanager:\n    - { url: http://am:9093, bearer_token: '${env:TOKEN}' }\n");
    assertEquals(List.of("test.yaml:3:44: alerting.alertmanager[0].bearer_token: must be a "
        + "non-empty token without control characters (is the environment variable it names "
        + "set?); remove the key to send no token"), errors());
  }

  @Test
  void anEmptyHmacSecretIsRefused() {
    bind("alerting:\n  webhooks:\n    - { url: http://h/a, hmac_secret: '' }\n");
    assertEquals(List.of("test.yaml:3:39: alerting.webhooks[0].hmac_secret: must not be empty (is "
        + "the environment variable it names set?); remove the key to send unsigned "
        + "notifications"), errors());
  }

  @Test
  void anAlertmanagerUrlWithTheApiPathIsRefused() {
    bind("alerting:\n  alertmanager:\n    - url: http://am:9093/api/v2/alerts\n");
    assertEquals(List.of("test.yaml:3:12: alerting.alertmanager[0].url: write the Alertmanager's "
        + "base URL, such as http://alertmanager:9093, without a path to its API (was "
        + "'http://am:9093/api/v2/alerts'): /api/v2/alerts is appended to it"), errors());
  }

  @Test
  void aResendIntervalOfZeroIsRefused() {
    bind("alerting:\n  alertmanager:\n    - { url: http://am:9093, resend_interval: 0s }\n");
    assertEquals(List.of("test.yaml:3:47: alerting.alertmanager[0].resend_interval: must be "
        + "positive, was 0s: firing alerts are sent again this often, such as 1m, or "
        + "Alertmanager resolves them"), errors());
  }

  @Test
  void aNegativeGroupWaitIsRefused() {
    bind("alerting:\n  group_wait: -1s\n");
    assertEquals(List.of("test.yaml:2:15: alerting.group_wait: must not be negative, was -1s: it "
        + "is how long the first alert of a requirement waits for others to go out with it, "
        + "such as 30s; 0 sends each at once"), errors());
  }

  @Test
  void aRepeatIntervalOfZeroIsRefused() {
    bind("alerting:\n  repeat_interval: 0\n");
    assertEquals(List.of("test.yaml:2:20: alerting.repeat_interval: must be positive, was 0s: a "
        + "firing alert is notified again this often, such as 4h"), errors());
  }

  @Test
  void anExternalUrlThatIsNotAUrlIsRefused() {
    bind("alerting:\n  external_url: homeostat:8888\n");
    assertEquals(List.of("test.yaml:2:17: alerting.external_url: invalid URL 'homeostat:8888': "
        + "write the http:// or https:// URL where Homeostat's admin endpoint is reachable, such "
        + "as http://homeostat:8888"), errors());
  }

  @Test
  void retryOnFailureIsCheckedByItsOwnRules() {
    bind("alerting:\n  webhooks:\n    - url: http://h/a\n      retry_on_failure: { multiplier: 0.5 }\n");
    assertEquals(List.of("test.yaml:4:39: alerting.webhooks[0].retry_on_failure.multiplier: must "
        + "be at least 1, was 0.5: each wait is the previous one times this, such as 1.5"),
        errors());
  }

  @Test
  void aMisspelledKeyIsNamed() {
    bind("alerting:\n  webhooks:\n    - { url: http://h/a, hmac_secert: x }\n");
    assertEquals(List.of("test.yaml:3:26: alerting.webhooks[0].hmac_secert: unknown key "
        + "'hmac_secert'; did you mean 'hmac_secret'? (valid keys: url, format, timeout, headers, bearer_token, hmac_secret, "
        + "retry_on_failure)"), errors());
  }
}
