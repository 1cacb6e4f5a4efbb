package io.homeostat.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ComponentIdTest {

  @Test
  void parsesTypeAndName() {
    assertEquals(new ComponentId("otlp", "tempo"), ComponentId.parse("otlp/tempo"));
    assertEquals(ComponentId.of("otlp"), ComponentId.parse("otlp"));
    assertEquals("otlp/tempo", ComponentId.parse("otlp/tempo").toString());
    assertEquals(new ComponentId("otlp", "a/b"), ComponentId.parse("otlp/a/b"));
  }

  @Test
  void errorsQuoteTheInput() {
    assertEquals("invalid component type '1otlp': it must start with a letter and hold only "
            + "letters, digits and '_' (at most 63)",
        assertThrows(IllegalArgumentException.class, () -> ComponentId.parse("1otlp")).getMessage());
    assertEquals("invalid component id 'otlp/': the name after '/' must not be empty",
        assertThrows(IllegalArgumentException.class, () -> ComponentId.parse("otlp/")).getMessage());
    assertEquals("invalid component name 'a b': it must not contain spaces, control characters or symbols",
        assertThrows(IllegalArgumentException.class, () -> ComponentId.parse("otlp/a b")).getMessage());
  }
}
