package io.homeostat.exporter.loki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelNamesTest {

  @ParameterizedTest(name = "''{0}'' → ''{1}''")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "service.name | service_name",
      "req | req",
      "http.request.header.x-forwarded-for | http_request_header_x_forwarded_for",
      "k8s:pod | k8s_pod",
      "2fa.method | _2fa_method",
      "__name__ | _name_",
      "___x | _x",
      ".hidden | _hidden",
      "a.. | a_",
      "_private | _private",
      "größe | gr__e",
      "emoji😀key | emoji_key",
      "\"\" | _",
      "__ | _",
      "CamelCase_9 | CamelCase_9"})
  void namesBecomeWhatLokiAccepts(String key, String name) {
    assertEquals(name, LabelNames.sanitize(key));
    assertTrue(LabelNames.isValid(name), name);
  }

  @Test
  void aValidNameIsReturnedAsItIs() {
    String name = "service_name";
    assertSame(name, LabelNames.sanitize(name));
  }

  @Test
  void namesThatLokiReservesOrRefusesAreNotValid() {
    assertFalse(LabelNames.isValid("__name__"));
    assertFalse(LabelNames.isValid("a__"));
    assertFalse(LabelNames.isValid("9lives"));
    assertFalse(LabelNames.isValid("a:b"));
    assertFalse(LabelNames.isValid(""));
  }

  @Test
  void theCacheGivesTheSameNameAsTheConversion() {
    LabelNames names = new LabelNames();
    assertEquals("service_name", names.of("service.name"));
    assertSame(names.of("service.name"), names.of("service.name"));
  }
}
