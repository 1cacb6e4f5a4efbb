package io.homeostat.processor.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretKeysTest {

  private final SecretKeys keys = new SecretKeys(RedactionConfig.DEFAULT_SECRET_KEYS);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "password, true",
      "PASSWORD, true",
      "db.password, true",
      "user_password_hash, true",
      "newPassword, true",
      "http.request.header.authorization, true",
      "Authorization, true",
      "http.response.header.set-cookie, true",
      "Set-Cookie, true",
      "x-api-key, true",
      "X_API_KEY, true",
      "apiKey, true",
      "APIKey, true",
      "apikey, true",
      "ssh.privateKey, true",
      "PRIVATE_KEY, true",
      "client_secret, true",
      "access_token, true",
      "accessToken, true",
      "PWD, true",
      "passwordless_login_enabled, false",
      "passwords_reset, false",
      "gen_ai.usage.input_tokens, false",
      "tokenizer, false",
      "secretary.name, false",
      "cookies_accepted, false",
      "key, false",
      "api, false",
      "private, false",
      "monkey, false",
      "http.route, false",
      "'', false",
      "..., false"})
  void aNameMatchesWholeWordsOfAKeyWithoutCase(String key, boolean secret) {
    assertEquals(secret, keys.matches(key));
  }

  @ParameterizedTest(name = "{0} in {1} -> {2}")
  @CsvSource({
      "ssn, customer.SSN, true",
      "ssn, lessnews, false",
      "credit card, creditCard, true",
      "credit card, credit.card.number, true",
      "credit card, card.credit, false",
      "pass phrase, PassPhrase, true",
      "pin, user.pin, true",
      "pin, spinner, false"})
  void configuredNamesSplitIntoWordsTheSameWay(String name, String key, boolean secret) {
    assertEquals(secret, new SecretKeys(java.util.List.of(name)).matches(key));
  }
}
