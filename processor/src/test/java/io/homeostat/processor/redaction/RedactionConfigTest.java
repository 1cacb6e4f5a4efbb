package io.homeostat.processor.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.processor.redaction.RedactionConfig.Action;
import io.homeostat.processor.redaction.RedactionConfig.Summary;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactionConfigTest {

  private static List<String> errors(String yaml) {
    ConfigProblems problems = new ConfigProblems();
    Redaction.bind(yaml, problems);
    return problems.errors().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void theDefaultsFindEverythingAndMask() {
    ConfigProblems problems = new ConfigProblems();
    RedactionConfig config = Redaction.bind("", problems);
    assertEquals(List.of(), problems.all());
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
    ConfigProblems problems = new ConfigProblems();
    RedactionConfig config = Redaction.bind("""
        action: hash
        email: { action: mask }
        secret_key: { extra_keys: [ssn] }
        """, problems);
    assertEquals(List.of(), problems.all());
    assertEquals(Action.MASK, config.actionOf(Rule.EMAIL));
    assertEquals(Action.HASH, config.actionOf(Rule.CARD));
    assertEquals(Action.HASH, config.actionOf(Rule.BLOCKED_VALUE));
    assertEquals("ssn", config.secretKey().allKeys().get(RedactionConfig.DEFAULT_SECRET_KEYS.size()));
  }

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        Arguments.of("mask_text: ''",
            "redaction.yaml:2:14: redaction.mask_text: must not be empty: the text that replaces what is masked, such as ****"),
        Arguments.of("allowed_keys: [http.route]",
            "redaction.yaml:2:17: redaction.allowed_keys: has no effect while allow_all_keys is true: set allow_all_keys: false to keep only the listed keys"),
        Arguments.of("card: { keep_last_four: true, action: hash }",
            "redaction.yaml:2:27: redaction.card.keep_last_four: applies to action mask only, but cards are hashed: set card.action: mask, or keep_last_four: false"),
        Arguments.of("hash_salt: pepper",
            "redaction.yaml:2:14: redaction.hash_salt: has no effect: no rule hashes; set action: hash (or a rule's action), or remove hash_salt"),
        Arguments.of("secret_key: { keys: [] }",
            "redaction.yaml:2:23: redaction.secret_key.keys: is empty, so no key is secret: list names such as password, or set secret_key.enabled: false"),
        Arguments.of("secret_key: { extra_keys: ['--'] }",
            "redaction.yaml:2:29: redaction.secret_key.extra_keys: '--' has no letter or digit, so it matches no key: use names such as password or api_key"),
        Arguments.of("allow_all_keys: false\nallowed_keys: ['']",
            "redaction.yaml:3:17: redaction.allowed_keys: holds an empty key: list attribute keys such as http.route"),
        Arguments.of("ignored_keys: ['']",
            "redaction.yaml:2:17: redaction.ignored_keys: holds an empty key: list attribute keys such as trace_id"),
        Arguments.of("blocked_values: ['card-(\\d+']",
            "redaction.yaml:2:20: redaction.blocked_values[0]: invalid regular expression 'card-(\\d+': Unclosed group near index 9"),
        Arguments.of("action: redact",
            "redaction.yaml:2:11: redaction.action: expected one of mask, hash, found 'redact'"),
        Arguments.of("summary: verbose",
            "redaction.yaml:2:12: redaction.summary: expected one of silent, info, debug, found 'verbose'"),
        Arguments.of("email: { enabled: false }\ncard: { enabled: false }\nsecret_key: { enabled: false }",
            "redaction.yaml:2:3: redaction: redacts nothing as written: enable email, card or secret_key, list blocked_values, or set allow_all_keys: false"),
        Arguments.of("emails: { enabled: false }",
            "redaction.yaml:2:3: redaction.emails: unknown key 'emails'; did you mean 'email'? (valid keys: action, mask_text, hash_salt, email, card, secret_key, blocked_values, allow_all_keys, allowed_keys, ignored_keys, resource_attributes, summary)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void badConfigIsReportedWithItsPlaceAndTheFix(String yaml, String error) {
    assertEquals(List.of(error), errors(yaml));
  }
}
