package io.homeostat.homeostasis.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "order 12345 failed for \"bob\"                     | order <num> failed for \"<str>\"",
      "order 99 failed for \"ann\"                        | order <num> failed for \"<str>\"",
      "no user 'ann' in tenant `acme`                   | no user '<str>' in tenant `<str>`",
      "can't charge card for bob@example.com            | can't charge card for <email>",
      "session 3f2a9c1e-77b0-4c1d-9e2f-0a1b2c3d4e5f gone | session <uuid> gone",
      "trace 4bf92f3577b34da6a3ce929d0e0e4736 lost      | trace <id> lost",
      "user42 took 1.5s at 0x7ffe                       | <id> took <num>.<id> at <id>",
      "connection refused                               | connection refused",
  })
  void masksWhatVariesBetweenOccurrences(String message, String masked) {
    assertEquals(masked, Fingerprints.mask(message));
  }

  @Test
  void messagesThatDifferOnlyInValuesShareAFingerprint() {
    assertEquals(Fingerprints.of("order 12345 failed for \"bob\""),
        Fingerprints.of("order 99 failed for \"ann\""));
    assertEquals(Fingerprints.of("lookup of aZ8kL2 took 12ms"),
        Fingerprints.of("lookup of Qw3rTy took 7ms"));
    assertNotEquals(Fingerprints.of("order 1 failed"), Fingerprints.of("order 1 timed out"));
    assertEquals(16, Fingerprints.of("anything").length());
  }

  @Test
  void onlyTheStartOfALongMessageCounts() {
    String start = "x".repeat(Fingerprints.MAX_MASKED);
    assertEquals(Fingerprints.of(start + " tail one"), Fingerprints.of(start + " tail two"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "java.lang.IllegalStateException: no session | java.lang.IllegalStateException",
      "ValueError: bad input                       | ValueError",
      "OutOfMemoryError                            | OutOfMemoryError",
      "payment declined                            | null",
      "Timeout: gateway did not answer             | null",
      "com.acme.PaymentException while charging    | null",
  })
  void namesTheErrorClassAMessageStartsWith(String message, String type) {
    assertEquals(type, ErrorTypes.fromMessage(message));
  }

  @Test
  void anEmptyMessageNamesNoClass() {
    assertNull(ErrorTypes.fromMessage(""));
  }
}
