package io.homeostat.processor.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Realistic log lines and values through the default rules, finding by finding. */
class TextRedactorTest {

  private final Redaction redaction = Redaction.defaults();

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      login failed for bob.smith+alerts@example.co.uk, retrying | login failed for ****, retrying
      SELECT id FROM users WHERE email = 'Ann.O-Neil@mail.example.com' AND active | SELECT id FROM users WHERE email = '****' AND active
      {"user":{"email":"j_doe%ops@corp-mail.io","id":42}} | {"user":{"email":"****","id":42}}
      To: <jürgen@bücher.de>; Cc: a@b.io | To: <****>; Cc: ****
      mail bob@example.com. | mail ****.
      contact bob@example.com-thanks | contact ****-thanks
      punycode ops@xn--bcher-kva.example | punycode ****
      git clone git@github.com:org/repo.git | git clone ****:org/repo.git
      """)
  void emailAddressesAreMasked(String line, String expected) {
    assertEquals(expected, redaction.redact(line));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "@Override public void run()",
      "npm install lodash@4.17.21 left-pad@latest",
      "ssh admin@localhost",
      "price: 3 @ 4.50 each",
      "user@ host.example.com",
      "x@y.z",
      "@@@@ email me @ noon @example.com"})
  void whatOnlyLooksLikeAnAddressIsLeftAlone(String line) {
    assertSame(line, redaction.redact(line));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      charged card 4111111111111111 for 12.00 EUR | charged card **** for 12.00 EUR
      card=4111 1111 1111 1111&cvv_ok=1 | card=****&cvv_ok=1
      pan 5500-0000-0000-0004 declined | pan **** declined
      amex 3782 822463 10005 ok | amex **** ok
      diners 3056 930902 5904 ok | diners **** ok
      19 digits 4111 1111 1111 1111 003 done | 19 digits **** done
      {"pan":"6011000990139424","amount":1200} | {"pan":"****","amount":1200}
      two cards: 4012888888881881,5105105105105100. | two cards: ****,****.
      order 1234 4111111111111111 | order 1234 ****
      """)
  void luhnValidCardNumbersAreMasked(String line, String expected) {
    assertEquals(expected, redaction.redact(line));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "card 4111111111111112 failed luhn",
      "order id 4111-1111-1111-1112",
      "ts=1795256100000000000 took 12ms",
      "epoch_ms 1795256100000",
      "span 1795256100123456",
      "trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7",
      "uuid 123e4567-e89b-12d3-a456-426614174000",
      "id order4111111111111111 and 4111111111111111x",
      "pi 3.4111111111111111",
      "values 41 11 11 11 11 11 11 11 1",
      "isbn 978-3-16-148410-0",
      "25 digits 4111111111111111111111111",
      "phone +1 555 867 5309"})
  void numbersThatAreNoCardsAreLeftAlone(String line) {
    assertSame(line, redaction.redact(line));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      GET /login?user=bob&password=hunter2&next=/home HTTP/1.1 | GET /login?user=bob&password=****&next=/home HTTP/1.1
      {"username": "bob", "password": "hunter2 with spaces", "remember": true} | {"username": "bob", "password": "****", "remember": true}
      {"newPassword":"p@ss\\"word","apiKey":"AKIA123"} | {"newPassword":"****","apiKey":"****"}
      {\\"token\\":\\"eyJhbGciOi\\",\\"x\\":1} | {\\"token\\":\\"****\\",\\"x\\":1}
      login failed: password: hunter2 (user bob) | login failed: password: **** (user bob)
      db.password = s3cr3t; db.user = app | db.password = ****; db.user = app
      request headers authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc, accept: */* | request headers authorization: ****, accept: */*
      {:password => "hunter2"} and {'pwd' => 'x'} | {:password => "****"} and {'pwd' => '****'}
      <user><name>bob</name><password>hunter2</password></user> | <user><name>bob</name><password>****</password></user>
      jdbc postgres://app:s3cr3t@db.internal:5432/orders | jdbc postgres://app:****@db.internal:5432/orders
      X_API_KEY=abc123 PRIVATE_KEY='-----BEGIN KEY-----' | X_API_KEY=**** PRIVATE_KEY='****'
      session set-cookie=sid=abc123; Path=/ | session set-cookie=****; Path=/
      """)
  void valuesOfSecretKeysInTextAreMasked(String line, String expected) {
    assertEquals(expected, redaction.redact(line));
  }

  @Test
  void aHeaderOrYamlKeyAtTheStartOfALineTakesTheRestOfTheLine() {
    String headers = "POST /v1/pay HTTP/1.1\r\nHost: pay.example.com\r\nCookie: sid=abc; theme=dark\r\n"
        + "Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l\r\n\r\n{}";
    assertEquals("POST /v1/pay HTTP/1.1\r\nHost: pay.example.com\r\nCookie: ****\r\n"
        + "Authorization: ****\r\n\r\n{}", redaction.redact(headers));
    assertEquals("db:\n  host: db\n  password: ****\n  pool: 5",
        redaction.redact("db:\n  host: db\n  password: hunter2 # rotated\n  pool: 5"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "passwordless_login_enabled=true",
      "tokens_used=1200 password_reset_sent",
      "token: {\"type\": \"jwt\"}",
      "password=",
      "password=****",
      "see https://example.com:8443/path?x=1",
      "time 10:15:00 level=info msg=ok",
      "redis://cache.internal:6379/0",
      "UPDATE users SET password = ?, api_key = $2 WHERE id = ?"})
  void keysThatNameNoSecretOrHaveNoValueAreLeftAlone(String line) {
    assertSame(line, redaction.redact(line));
  }

  @Test
  void overlappingFindingsAreReplacedOnceAndCountedOnce() {
    assertEquals("password=****", redaction.redact("password=bob@example.com"));
    assertEquals(1, redaction.count("secret_key"));
    assertEquals(0, redaction.count("email"));
    assertEquals("auth bob:****", redaction.redact("auth bob:pw@4111111111111111.example.com"));
    assertEquals(1, redaction.count("email"));
    assertEquals(0, redaction.count("card"));
  }

  @Test
  void cardsMayKeepTheirLastFourDigits() {
    Redaction receipts = Redaction.of("card: { keep_last_four: true }\nblocked_values: ['\\d{4} EUR']");
    assertEquals("paid with ****1111 and ****0004",
        receipts.redact("paid with 4111 1111 1111 1111 and 5500-0000-0000-0004"));
    assertEquals("19 digits ****1003", receipts.redact("19 digits 4111 1111 1111 1111 003"));
    assertEquals("paid ****", receipts.redact("paid 4111 1111 1111 1111 EUR"),
        "a range merged from a card and something else shows no digits");
  }

  @Test
  void hashesAreSaltedSha256AndCorrelateAcrossSpellings() {
    Redaction hashing = Redaction.of("action: hash\nhash_salt: pepper");
    String lower = hashing.redact("bob@example.com");
    assertEquals(64, lower.length());
    assertEquals(lower, hashing.redact("Bob@Example.COM"));
    assertEquals(hashing.redact("4111111111111111"), hashing.redact("4111 1111 1111 1111"));
    assertEquals("password=" + hashing.redact("password=hunter2").substring(9), hashing.redact("password=hunter2"));
    assertEquals(Redaction.of("action: hash").redact("bob@example.com").equals(lower), false,
        "the salt changes the hash");
    // sha256("pepper" + "bob@example.com")
    assertEquals(sha256("pepperbob@example.com"), lower);
  }

  @Test
  void eachRuleHasItsOwnAction() {
    Redaction mixed = Redaction.of("email: { action: hash }\nblocked_values: ['\\bSSN-\\d{3}-\\d{2}-\\d{4}\\b']");
    String line = mixed.redact("bob@example.com SSN-123-45-6789 4111111111111111");
    assertEquals(sha256("bob@example.com") + " **** ****", line);
    assertEquals(1, mixed.count("blocked_value"));
    assertEquals(1, mixed.count("card"));
    assertEquals(1, mixed.count("email"));
  }

  @Test
  void rulesThatAreOffFindNothing() {
    Redaction none = Redaction.of("email: { enabled: false }\ncard: { enabled: false }\n"
        + "secret_key: { enabled: false }\nblocked_values: [nothing-matches-this]");
    String line = "bob@example.com 4111111111111111 password=hunter2";
    assertSame(line, none.redact(line));
  }

  static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
