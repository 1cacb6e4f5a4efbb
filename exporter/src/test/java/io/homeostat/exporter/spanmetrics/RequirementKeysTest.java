package io.homeostat.exporter.spanmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequirementKeysTest {

  private final RequirementKeys keys = new RequirementKeys();

  private static AnyValue text(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  @Test
  void oneKeyIsTheSpansOwnString() {
    AnyValue value = text("REQ-F-AUTH-001");
    assertSame(value.getStringValue(), keys.of(value).get(0));
    assertEquals(List.of("REQ-F-AUTH-001"), keys.of(value));
  }

  @Test
  void aCommaOrSpaceSeparatedStringNamesEachKeyOnce() {
    assertEquals(List.of("REQ-A", "REQ-B"), keys.of(text(" REQ-A, REQ-B\tREQ-A ")));
  }

  @Test
  void anArrayNamesEachItemsKeys() {
    AnyValue array = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
        .addValues(text("REQ-A")).addValues(text("REQ-B,REQ-C")).addValues(text("REQ-A"))
        .addValues(AnyValue.newBuilder().setIntValue(7))).build();
    assertEquals(List.of("REQ-A", "REQ-B", "REQ-C", "7"), keys.of(array));
  }

  @Test
  void noKeyIsUntagged() {
    assertEquals(List.of("REQ-UNTAGGED"), keys.of(null));
    assertEquals(List.of("REQ-UNTAGGED"), keys.of(text("")));
    assertEquals(List.of("REQ-UNTAGGED"), keys.of(text(" , ")));
    assertEquals(List.of("REQ-UNTAGGED"), keys.of(AnyValue.getDefaultInstance()));
    assertEquals(List.of("REQ-UNTAGGED"), keys.of(AnyValue.newBuilder()
        .setArrayValue(ArrayValue.getDefaultInstance()).build()));
  }

  @Test
  void aValueOfAnotherTypeIsItsText() {
    assertEquals(List.of("42"), keys.of(AnyValue.newBuilder().setIntValue(42).build()));
  }
}
