package io.homeostat.processor.requirements;

import static io.homeostat.processor.requirements.Harness.attribute;
import static io.homeostat.processor.requirements.Harness.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.homeostat.core.req.ReqKeys;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The W3C baggage format as docs/protocols.md §7 gives it. */
class BaggageKeysTest {

  private final KeyReader reader = new KeyReader("req", ReqKeys.DEFAULT_ALIASES,
      ReqKeys.DEFAULT_PATTERN, ReqKeys.UNTAGGED);
  private final BaggageKeys baggage = new BaggageKeys(List.of("baggage", "http.request.header.baggage"), "req");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      req=REQ-F-AUTH-001                                  | REQ-F-AUTH-001
      userId=alice,req=REQ-F-AUTH-001,isProduction=false  | REQ-F-AUTH-001
      userId=alice , req = REQ-F-AUTH-001 ;ttl=30 ,x=1    | REQ-F-AUTH-001
      req=REQ-A%2CREQ-B                                   | REQ-A,REQ-B
      req=REQ-A%2c%20REQ-B;prop                           | REQ-A,REQ-B
      req=REQ-A,req=REQ-B                                 | REQ-A,REQ-B
      require=REQ-X,req=REQ-A=                            | ''
      """)
  void theReqMemberOfAHeaderGivesTheKeys(String header, String keys) {
    var found = baggage.find(List.of(attribute("baggage", header)), reader);
    if (keys.isEmpty()) {
      assertNull(found);
    } else {
      assertEquals(strings(keys.split(",")), found);
    }
  }

  @Test
  void headersRecordedAsAListAreOneList() {
    assertEquals(strings("REQ-A", "REQ-B"), baggage.find(List.of(attribute(
        "http.request.header.baggage", strings("userId=alice,req=REQ-A", "req=REQ-B"))), reader));
  }

  @Test
  void malformedMembersAndInvalidKeysAreSkipped() {
    assertNull(baggage.find(List.of(attribute("baggage", "req,=REQ-A;req=REQ-B,req=login")), reader));
    assertNull(baggage.find(List.of(attribute("other", "req=REQ-A")), reader));
  }

  @Test
  void percentDecodingIsUtf8AndLeavesMalformedEscapesAsWritten() {
    assertEquals("DF 28", BaggageKeys.percentDecode("DF%2028"));
    assertEquals("é€", BaggageKeys.percentDecode("%C3%A9%E2%82%AC"));
    assertEquals("100%", BaggageKeys.percentDecode("100%"));
    assertEquals("%zz%4", BaggageKeys.percentDecode("%zz%4"));
    assertEquals("a+b", BaggageKeys.percentDecode("a+b"));
  }
}
