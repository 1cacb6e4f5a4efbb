package io.homeostat.processor.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.processor.redaction.RedactionConfig.Action;
import io.homeostat.processor.redaction.RedactionConfig.Summary;
import io.homeostat.processor.support.ProcessorHarness;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactionConfigTest {

  private static List<String> errors(String keys) {
    return ProcessorHarness.problems(Redaction.FACTORY, Redaction.yaml(keys));
  }

  @Test
  void theDefaultsFindEverythingAndMask() {
    RedactionConfig config = ProcessorHarness.bind(Redaction.FACTORY, Redaction.yaml(""));
    assertEquals(Action.MASK, config.action());
    assertEquals("****", config.maskText());
    assertEquals(Action.MASK, config.actionOf(Rule.EMAIL));
    assertEquals(true, config.email().enabled() && config.card().enabled() && config.secretKey().enabled());
    assertEquals(RedactionConfig.DEFAULT_SECRET_KEYS, config.secretKey().allKeys());
    assertEquals(true, config.allowAllKeys());
    assertEquals(true, config.resourceAttributes());
    assertEquals(Summary.SILENT, config.summary());
  }

  @Test
  void aRuleTakesTheProcessorsActionUnlessItHasItsOwn() {
    RedactionConfig config = ProcessorHarness.bind(Redaction.FACTORY, Redaction.yaml("""
        action: hash
        email: { action: mask }
        secret_key: { extra_keys: [ssn] }
        """));
    assertEquals(Action.MASK, config.actionOf(Rule.EMAIL));
    assertEquals(Action.HASH, config.actionOf(Rule.CARD));
    assertEquals(Action.HASH, config.actionOf(Rule.BLOCKED_VALUE));
    assertEquals("ssn", config.secretKey().allKeys().get(RedactionConfig.DEFAULT_SECRET_KEYS.size()));
  }

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        Arguments.of("mask_text: ''",
            "p.yaml:2:14: processor.mask_text: must not be empty: the text that replaces what is masked, such as ****"),
        Arguments.of("allowed_keys: [http.route]",
            "p.yaml:2:17: processor.allowed_keys: has no effect while allow_all_keys is true: set allow_all_keys: false to keep only the listed keys"),
        Arguments.of("card: { keep_last_four: true, action: hash }",
            "p.yaml:2:27: processor.card.keep_last_four: applies to action mask only, but cards are hashed: set card.action: mask, or keep_last_four: false"),
        Arguments.of("hash_salt: pepper",
            "p.yaml:2:14: processor.hash_salt: has no effect: no rule hashes; set action: hash (or a rule's action), or remove hash_salt"),
        Arguments.of("secret_key: { keys: [] }",
            "p.yaml:2:23: processor.secret_key.keys: is empty, so no key is secret: list names such as password, or set secret_key.enabled: false"),
        Arguments.of("secret_key: { extra_keys: ['--'] }",
            "p.yaml:2:29: processor.secret_key.extra_keys: '--' has no letter or digit, so it matches no key: use names such as password or api_key"),
        Arguments.of("allow_all_keys: false\nallowed_keys: ['']",
            "p.yaml:3:17: processor.allowed_keys: holds an empty key: list attribute keys such as http.route"),
        Arguments.of("ignored_keys: ['']",
            "p.yaml:2:17: processor.ignored_keys: holds an empty key: list attribute keys such as trace_id"),
        Arguments.of("blocked_values: ['card-(\\d+']",
            "p.yaml:2:20: processor.blocked_values[0]: invalid regular expression 'card-(\\d+': Unclosed group near index 9"),
        Arguments.of("action: redact",
            "p.yaml:2:11: processor.action: expected one of mask, hash, found 'redact'"),
        Arguments.of("summary: verbose",
            "p.yaml:2:12: processor.summary: expected one of silent, info, debug, found 'verbose'"),
        Arguments.of("email: { enabled: false }\ncard: { enabled: false }\nsecret_key: { enabled: false }",
            "p.yaml:2:3: processor: redacts nothing as written: enable email, card or secret_key, list blocked_values, or set allow_all_keys: false"),
        Arguments.of("emails: { enabled: false }",
            "p.yaml:2:3: processor.emails: unknown key 'emails'; did you mean 'email'? (valid keys: action, mask_text, hash_salt, email, card, secret_key, blocked_values, allow_all_keys, allowed_keys, ignored_keys, resource_attributes, summary)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void badConfigIsReportedWithItsPlaceAndTheFix(String yaml, String error) {
    assertEquals(List.of(error), errors(yaml));
  }
}
