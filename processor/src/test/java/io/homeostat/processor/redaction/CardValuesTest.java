package io.homeostat.processor.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Card numbers carried as integer attributes, as some instrumentations record them. */
class CardValuesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "4111111111111111, true",
      "5500000000000004, true",
      "378282246310005, true",
      "4222222222222, true",
      "6011000990139424, true",
      "4111111111111112, false",
      "1795256100000000000, false",
      "1795256100000, false",
      "411111111111, false",
      "7111111111111111, false",
      "0, false",
      "-4111111111111111, false"})
  void integersAreCardsWhenLengthFirstDigitAndLuhnFit(long number, boolean card) {
    assertEquals(card, Cards.isCard(number));
  }
}
