package io.homeostat.processor.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs built to make a scanner backtrack or rescan: each is about a million characters, so a
 * scan that were quadratic in them would run for hours. The timeouts only stop a hang; they are
 * far above what a linear scan needs, so they measure nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdversarialInputTest {

  private static final int N = 1 << 20;

  private final Redaction redaction = Redaction.of("action: mask");

  static Stream<Arguments> cleanButHostile() {
    return Stream.of(
        Arguments.of("letters only", "a".repeat(N)),
        Arguments.of("at signs only", "@".repeat(N)),
        Arguments.of("at signs between letters", "a@".repeat(N / 2)),
        Arguments.of("a local part a megabyte long and no domain", "x.".repeat(N / 2) + "@"),
        Arguments.of("a domain of a million one-letter labels", "bob@" + "b.".repeat(N / 2)),
        Arguments.of("addresses without a top-level domain", "a@b.c ".repeat(N / 6)),
        Arguments.of("one digit run a megabyte long", "1".repeat(N)),
        Arguments.of("a million one-digit groups", "5 ".repeat(N / 2)),
        Arguments.of("four-digit groups that fail Luhn", "4111 1111 1111 1112 ".repeat(N / 20)),
        Arguments.of("digits glued to letters", "a1234567890123".repeat(N / 14)),
        Arguments.of("separators only", "=:>".repeat(N / 3)),
        Arguments.of("keys that are no secrets", "key=value&".repeat(N / 10)),
        Arguments.of("schemes without authority", "://".repeat(N / 3)),
        Arguments.of("blank runs before separators", (" ".repeat(1000) + "=").repeat(N / 1001)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cleanButHostile")
  void longInputsWithoutFindingsComeBackAsTheyWere(String name, String input) {
    assertSame(input, redaction.redact(input));
  }

  @Test
  void aMillionAddressesAreEachMaskedOnce() {
    String input = "a@b.io ".repeat(N / 7);
    assertEquals("**** ".repeat(N / 7), redaction.redact(input));
    assertEquals(N / 7, redaction.count("email"));
  }

  @Test
  void secretKeysRepeatedWithoutEndStayLinear() {
    String keys = "password=".repeat(N / 9);
    assertEquals("password=****", redaction.redact(keys), "the first value runs to the end");
    String quoted = "\"password\":\"" + "\\\"".repeat(N / 2);
    assertEquals("\"password\":\"****", redaction.redact(quoted));
    String tags = "<password>".repeat(N / 10);
    assertSame(tags, redaction.redact(tags));
    String urls = "s://a:b@".repeat(N / 8);
    assertEquals("s://a:****@".repeat(N / 8), redaction.redact(urls));
  }

  @Test
  void cardsInAMegabyteOfGroupsAreAllFound() {
    String input = "4111 1111 1111 1111 ".repeat(N / 20);
    assertEquals("**** ".repeat(N / 20), redaction.redact(input));
  }

  @Test
  void aBlockedValueThatOverflowsTheStackMasksTheWholeValue() {
    Redaction backtracking = Redaction.of("blocked_values: ['(a|b)*c']");
    assertEquals("****", backtracking.redact("ab".repeat(N / 2)));
    assertEquals(1, backtracking.count("blocked_value"));
    assertEquals("x **** y", backtracking.redact("x abc y"), "short values still match as usual");
  }
}
