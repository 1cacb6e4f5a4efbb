package io.homeostat.processor.attributes;

import static io.homeostat.processor.support.Records.attr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.processor.support.ProcessorHarness;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeActionsTest {

  private static final List<KeyValue> LOGIN = List.of(attr("http.method", "POST"),
      attr("http.url", "https://auth.example.com:8443/login?next=/home"), attr("enduser.id", "user-42"),
      attr("http.status_code", "200"));

  private static AttributeActions actions(String actions) {
    return AttributeActions.compile(ProcessorHarness.bind(new AttributesProcessorFactory(),
        "processor:\n  actions:\n" + actions.indent(4)).actions());
  }

  private static AnyValue integer(long value) {
    return AnyValue.newBuilder().setIntValue(value).build();
  }

  private static AnyValue decimal(double value) {
    return AnyValue.newBuilder().setDoubleValue(value).build();
  }

  private static AnyValue bool(boolean value) {
    return AnyValue.newBuilder().setBoolValue(value).build();
  }

  @Test
  void insertSetsOnlyWhereTheKeyIsAbsent() {
    AttributeActions insert = actions("- {key: deployment.environment, action: insert, value: prod}");
    List<KeyValue> inserted = insert.apply(LOGIN);
    assertEquals("prod", KeyValues.getString(inserted, "deployment.environment"));
    assertEquals(LOGIN, inserted.subList(0, LOGIN.size()));
    assertSame(inserted, insert.apply(inserted));
    List<KeyValue> staging = List.of(attr("deployment.environment", "staging"));
    assertSame(staging, insert.apply(staging));
  }

  @Test
  void updateSetsOnlyWhereTheKeyIsPresent() {
    AttributeActions update = actions("- {key: http.method, action: update, value: GET}");
    assertEquals("GET", KeyValues.getString(update.apply(LOGIN), "http.method"));
    List<KeyValue> none = List.of(attr("other", "x"));
    assertSame(none, update.apply(none));
  }

  @Test
  void upsertSetsEitherWayAndTheSameValueChangesNothing() {
    AttributeActions upsert = actions("- {key: http.method, action: upsert, value: GET}");
    assertEquals(List.of(attr("http.method", "GET")), upsert.apply(List.of(attr("http.method", "PUT"))));
    assertEquals(List.of(attr("http.method", "GET")), upsert.apply(List.of()));
    List<KeyValue> already = List.of(attr("http.method", "GET"));
    assertSame(already, upsert.apply(already));
  }

  @Test
  void fromAttributeCopiesAnotherAttributeAndDoesNothingWithoutIt() {
    AttributeActions copy = actions("- {key: user, action: insert, from_attribute: enduser.id}");
    assertEquals("user-42", KeyValues.getString(copy.apply(LOGIN), "user"));
    List<KeyValue> anonymous = List.of(attr("http.method", "GET"));
    assertSame(anonymous, copy.apply(anonymous));
  }

  @Test
  void aValueKeepsTheTypeYamlReadsItAs() {
    List<KeyValue> typed = actions("""
        - {key: count, action: insert, value: 42}
        - {key: quoted, action: insert, value: "42"}
        - {key: ratio, action: insert, value: 1.5}
        - {key: flag, action: insert, value: true}
        - {key: word, action: insert, value: yes}
        - {key: version, action: insert, value: '2.10'}
        """).apply(List.of());
    assertEquals(List.of(attr("count", integer(42)), attr("quoted", "42"), attr("ratio", decimal(1.5)),
        attr("flag", bool(true)), attr("word", "yes"), attr("version", "2.10")), typed);
  }

  @Test
  void deleteRemovesTheKeyAndEveryNameThePatternFinds() {
    assertEquals(List.of(attr("http.url", LOGIN.get(1).getValue()), attr("enduser.id", "user-42")),
        actions("- {key: http.method, action: delete, pattern: status}").apply(LOGIN));
    assertEquals(List.of(attr("enduser.id", "user-42")),
        actions("- {action: delete, pattern: \"^http\\\\.\"}").apply(LOGIN));
    assertSame(LOGIN, actions("- {key: absent, action: delete, pattern: \"^db\\\\.\"}").apply(LOGIN));
  }

  @Test
  void hashReplacesValuesWithTheSha256OfTheBytesTheCollectorHashes() {
    List<KeyValue> hashed = actions("- {key: enduser.id, action: hash, pattern: \"^secret\"}").apply(List.of(
        attr("enduser.id", "user-42"), attr("secret.count", integer(42)), attr("secret.ratio", decimal(1.5)),
        attr("secret.flag", bool(true)), attr("secret.empty", ""), attr("kept", "user-42"),
        attr("secret.list", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
            .addValues(KeyValues.string("a"))).build())));
    assertEquals(List.of(
        attr("enduser.id", "6d894aa3ee802549d7f340e7c1cf0d1c1cb14cd84f768d92ffaa6785337c4997"),
        attr("secret.count", "ed049108bc18f2c64369e8d0ea42850bdd1a7d1dd340cfde716315579702a76c"),
        attr("secret.ratio", "e163f8cb0f7067a7fc78ca859a77f849aea3214f38fb75b884e4a16be725c905"),
        attr("secret.flag", "4bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a"),
        attr("secret.empty", ""), attr("kept", "user-42"), attr("secret.list", "")), hashed);
    List<KeyValue> none = List.of(attr("kept", "user-42"));
    assertSame(none, actions("- {key: enduser.id, action: hash}").apply(none));
  }

  @Test
  void extractSetsOneAttributePerNamedGroupWrittenForGoOrJava() {
    AttributeActions extract = actions("""
        - key: http.url
          action: extract
          pattern: ^(?P<url.scheme>\\w+)://(?<server_address>[^:/]+)(?::(?P<server.port>\\d+))?(?P<url.path>/[^?]*)
        """);
    List<KeyValue> out = extract.apply(LOGIN);
    assertEquals(LOGIN, out.subList(0, LOGIN.size()));
    assertEquals(List.of(attr("url.scheme", "https"), attr("server_address", "auth.example.com"),
        attr("server.port", "8443"), attr("url.path", "/login")), out.subList(LOGIN.size(), out.size()));
    assertSame(out, extract.apply(out));

    List<KeyValue> noPort = extract.apply(List.of(attr("http.url", "http://example.com/"), attr("server.port", "80")));
    assertEquals(List.of(attr("http.url", "http://example.com/"), attr("server.port", "80"),
        attr("url.scheme", "http"), attr("server_address", "example.com"), attr("url.path", "/")), noPort);
    List<KeyValue> notAUrl = List.of(attr("http.url", "not a url"));
    assertSame(notAUrl, extract.apply(notAUrl));
    List<KeyValue> notText = List.of(attr("http.url", integer(3)));
    assertSame(notText, extract.apply(notText));
  }

  @Test
  void extractFollowsBackReferencesToRenamedGroups() {
    AttributeActions repeated = actions("- {key: s, action: extract, pattern: \"(?P<word_1>[a-z]+)-\\\\k<word_1>\"}");
    assertEquals(List.of(attr("s", "abc-abc"), attr("word_1", "abc")), repeated.apply(List.of(attr("s", "abc-abc"))));
    List<KeyValue> different = List.of(attr("s", "abc-abd"));
    assertSame(different, repeated.apply(different));
  }

  @Test
  void convertChangesTheTypeWhereTheValueReadsAsIt() {
    AttributeActions toInt = actions("- {key: v, action: convert, converted_type: int}");
    assertEquals(List.of(attr("v", integer(200))), toInt.apply(List.of(attr("v", "200"))));
    assertEquals(List.of(attr("v", integer(-3))), toInt.apply(List.of(attr("v", decimal(-3.9)))));
    assertEquals(List.of(attr("v", integer(1))), toInt.apply(List.of(attr("v", bool(true)))));
    for (List<KeyValue> unchanged : List.of(List.of(attr("v", "2xx")), List.of(attr("v", integer(7))),
        List.of(attr("v", "99999999999999999999")), List.of(attr("other", "1")))) {
      assertSame(unchanged, toInt.apply(unchanged));
    }

    AttributeActions toDouble = actions("- {key: v, action: convert, converted_type: double}");
    assertEquals(List.of(attr("v", decimal(0.25))), toDouble.apply(List.of(attr("v", "0.25"))));
    assertEquals(List.of(attr("v", decimal(1e3))), toDouble.apply(List.of(attr("v", "1e3"))));
    assertEquals(List.of(attr("v", decimal(7))), toDouble.apply(List.of(attr("v", integer(7)))));
    List<KeyValue> text = List.of(attr("v", "fast"));
    assertSame(text, toDouble.apply(text));

    AttributeActions toString = actions("- {key: v, action: convert, converted_type: string}");
    assertEquals(List.of(attr("v", "200")), toString.apply(List.of(attr("v", integer(200)))));
    assertEquals(List.of(attr("v", "false")), toString.apply(List.of(attr("v", bool(false)))));
    List<KeyValue> already = List.of(attr("v", "200"));
    assertSame(already, toString.apply(already));
  }

  @Test
  void actionsRunInOrderEachOnWhatThePreviousLeft() {
    List<KeyValue> out = actions("""
        - {key: user, action: upsert, from_attribute: enduser.id}
        - {key: enduser.id, action: delete}
        - {key: user, action: hash}
        - {key: http.status_code, action: convert, converted_type: int}
        """).apply(LOGIN);
    assertEquals(List.of(attr("http.method", "POST"), LOGIN.get(1), attr("http.status_code", integer(200)),
        attr("user", "6d894aa3ee802549d7f340e7c1cf0d1c1cb14cd84f768d92ffaa6785337c4997")), out);
  }
}
