package io.homeostat.processor.requirements;

import static io.homeostat.processor.requirements.Harness.attribute;
import static io.homeostat.processor.requirements.Harness.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.req.ReqKeys;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyReaderTest {

  private final KeyReader reader = new KeyReader("req", ReqKeys.DEFAULT_ALIASES,
      ReqKeys.DEFAULT_PATTERN, ReqKeys.UNTAGGED);

  @Test
  void aValidKeyUnderTheCanonicalAttributeIsTakenAsItIs() {
    KeyValue req = attribute("req", "REQ-NFR-PERF-001");
    reader.read(List.of(attribute("http.route", "/login"), req));
    assertSame(req.getValue(), reader.keys);
    assertSame(req.getValue(), reader.present);
    assertNull(reader.invalid);
    assertFalse(reader.fold);
  }

  @Test
  void severalDistinctValidKeysAsAnArrayAreCanonicalToo() {
    AnyValue keys = strings("REQ-A", "REQ-B");
    reader.read(List.of(attribute("req", keys)));
    assertSame(keys, reader.keys);
    assertFalse(reader.fold);
  }

  @Test
  void keysSeparatedByCommasOrSpacesBecomeAnArray() {
    reader.read(List.of(attribute("req", "REQ-A, REQ-B REQ-A,")));
    assertEquals(strings("REQ-A", "REQ-B"), reader.keys);
    assertNull(reader.invalid);
  }

  @Test
  void anArrayOfOneKeyOrWithRepeatsIsNormalised() {
    reader.read(List.of(attribute("req", strings("REQ-A"))));
    assertEquals(strings("REQ-A"), reader.keys);
    reader.read(List.of(attribute("req", strings("REQ-A", "REQ-A", "REQ-B"))));
    assertEquals(strings("REQ-A", "REQ-B"), reader.keys);
  }

  @Test
  void aliasesAreFoldedAfterTheCanonicalKeyInTheirConfiguredOrder() {
    reader.read(List.of(attribute("req_id", "REQ-C"), attribute("req", "REQ-A"),
        attribute("requirement", "REQ-B,REQ-A")));
    assertEquals(strings("REQ-A", "REQ-B", "REQ-C"), reader.keys);
    assertTrue(reader.fromAlias);
    assertTrue(reader.fold);
  }

  @Test
  void aKeyOnlyUnderAnAliasIsFromTheAlias() {
    reader.read(List.of(attribute("req.id", "REQ-F-AUTH-001")));
    assertEquals(strings("REQ-F-AUTH-001"), reader.keys);
    assertNull(reader.present);
    assertTrue(reader.fromAlias);
  }

  @Test
  void valuesThatFailThePatternAreSetAside() {
    reader.read(List.of(attribute("req", "REQ-A,req-b"), attribute("req_id", AnyValue.newBuilder().setIntValue(7).build())));
    assertEquals(strings("REQ-A"), reader.keys);
    assertEquals(strings("req-b", "7"), reader.invalid);
    assertFalse(reader.fromAlias);
  }

  @Test
  void onlyInvalidValuesLeaveNoKeys() {
    reader.read(List.of(attribute("req", "login")));
    assertNull(reader.keys);
    assertEquals(strings("login"), reader.invalid);
  }

  @Test
  void theUntaggedMarkerIsNeitherAKeyNorInvalid() {
    reader.read(List.of(attribute("req", "REQ-UNTAGGED")));
    assertNull(reader.keys);
    assertNull(reader.invalid);
    assertEquals(strings("REQ-UNTAGGED"), reader.present);
    reader.read(List.of(attribute("req", "REQ-UNTAGGED,REQ-A")));
    assertEquals(strings("REQ-A"), reader.keys);
  }

  @Test
  void aRecordWithoutAnyKeyReadsAsNothing() {
    reader.read(List.of(attribute("http.route", "/login")));
    assertNull(reader.keys);
    assertNull(reader.present);
    assertNull(reader.invalid);
    assertFalse(reader.fold);
  }

  @Test
  void textAndSingleKeysAreCheckedAgainstThePattern() {
    assertEquals(strings("REQ-A", "REQ-B"), reader.keysIn("REQ-A,bad REQ-B"));
    assertNull(reader.keysIn("bad"));
    assertTrue(reader.valid("REQ-X-1"));
    assertFalse(reader.valid("REQ-"));
    assertFalse(reader.valid(ReqKeys.UNTAGGED));
  }
}
