package io.homeostat.exporter.loki;

import static io.homeostat.exporter.loki.LogRequests.T0;
import static io.homeostat.exporter.loki.LogRequests.attribute;
import static io.homeostat.exporter.loki.LogRequests.record;
import static io.homeostat.exporter.loki.LogRequests.request;
import static io.homeostat.exporter.loki.LogRequests.resource;
import static io.homeostat.exporter.loki.LogRequests.service;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.exporter.TestRequests;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamMapperTest {

  /** The clock's instant: T0 + 1 hour. */
  private static final Instant RECEIPT = Instant.ofEpochSecond(1_700_003_600L, 5);

  private final Counter truncated = new MetricRegistry().counter("truncated_total", "");

  private StreamMapper mapper(LabelsConfig labels, LineFormat format) {
    return new StreamMapper(labels, format, truncated, Clock.fixed(RECEIPT, ZoneOffset.UTC));
  }

  private StreamMapper mapper() {
    return mapper(LabelsConfig.DEFAULT, LineFormat.BODY);
  }

  /** Each stream's selector and its entries as {@code offset-from-T0 line}. */
  private static Map<String, List<String>> lines(Collection<Stream> streams) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Stream stream : streams) {
      List<String> entries = new ArrayList<>();
      stream.entries().forEach(e -> entries.add((e.nanos() - T0) + " " + e.line()));
      out.put(stream.selector(), entries);
    }
    return out;
  }

  private static Entry only(Collection<Stream> streams) {
    assertEquals(1, streams.size());
    Stream stream = streams.iterator().next();
    assertEquals(1, stream.entries().size());
    return stream.entries().get(0);
  }

  @Test
  void recordsWithTheSameLabelsShareAStreamWhoseEntriesAreInTimeOrder() {
    Collection<Stream> streams = mapper().map(request(
        service("auth",
            record(30, "a3", attribute("req", "REQ-A")).setSeverityText("INFO"),
            record(10, "a1", attribute("req", "REQ-A")).setSeverityText("INFO"),
            record(20, "b1", attribute("req", "REQ-B")).setSeverityText("INFO"),
            record(10, "a1-again", attribute("req", "REQ-A")).setSeverityText("INFO")),
        service("checkout",
            record(5, "c1", attribute("req", "REQ-A")).setSeverityText("INFO")),
        service("auth",
            record(0, "a0", attribute("req", "REQ-A")).setSeverityText("INFO"))));

    assertEquals(Map.of(
        "{req=\"REQ-A\", service_name=\"auth\", severity=\"INFO\"}",
        List.of("0 a0", "10 a1", "10 a1-again", "30 a3"),
        "{req=\"REQ-B\", service_name=\"auth\", severity=\"INFO\"}", List.of("20 b1"),
        "{req=\"REQ-A\", service_name=\"checkout\", severity=\"INFO\"}", List.of("5 c1")),
        lines(streams));
    assertEquals(List.of("{req=\"REQ-A\", service_name=\"auth\", severity=\"INFO\"}",
        "{req=\"REQ-B\", service_name=\"auth\", severity=\"INFO\"}",
        "{req=\"REQ-A\", service_name=\"checkout\", severity=\"INFO\"}"),
        List.copyOf(lines(streams).keySet()), "streams in order of first appearance");
    assertArrayEquals(new String[] {"req", "REQ-A", "service_name", "auth", "severity", "INFO"},
        streams.iterator().next().labels());
  }

  @Test
  void severityIsTheTextElseTheRangeOfTheNumberElseNoLabel() {
    assertEquals("Warning", StreamMapper.severity(record(0, "x").setSeverityText("Warning")
        .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR).build()));
    assertEquals("TRACE", StreamMapper.severity(record(0, "x").setSeverityNumberValue(1).build()));
    assertEquals("INFO", StreamMapper.severity(record(0, "x").setSeverityNumberValue(10).build()));
    assertEquals("WARN", StreamMapper.severity(record(0, "x").setSeverityNumberValue(16).build()));
    assertEquals("ERROR", StreamMapper.severity(record(0, "x").setSeverityNumberValue(17).build()));
    assertEquals("FATAL", StreamMapper.severity(record(0, "x").setSeverityNumberValue(24).build()));
    assertEquals(null, StreamMapper.severity(record(0, "x").build()));
    assertEquals(null, StreamMapper.severity(record(0, "x").setSeverityNumberValue(25).build()));
    assertEquals("{req=\"REQ-A\", service_name=\"auth\"}", mapper().map(request(service("auth",
        record(0, "x", attribute("req", "REQ-A"))))).iterator().next().selector());
  }

  @Test
  void traceAndSpanIdsAndEveryOtherAttributeBecomeStructuredMetadata() {
    AnyValue headers = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
        .addValues(attribute("accept", "text/html"))
        .addValues(attribute("x-trace", AnyValue.newBuilder().setKvlistValue(
            KeyValueList.newBuilder().addValues(attribute("sampled", AnyValue.newBuilder()
                .setBoolValue(true).build()))).build()))).build();
    AnyValue roles = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
        .addValues(AnyValue.newBuilder().setStringValue("admin"))
        .addValues(AnyValue.newBuilder().setIntValue(7))).build();
    Entry entry = only(mapper().map(request(resource(
        List.of(attribute("service.name", "auth"), attribute("host.name", "node-1"),
            attribute("user.id", "from-resource")),
        record(0, "login failed",
            attribute("req", "REQ-A"),
            attribute("user.id", "u-42"),
            attribute("http.request.header", headers),
            attribute("roles", roles),
            attribute("latency", AnyValue.newBuilder().setDoubleValue(12.50).build()),
            attribute("big", AnyValue.newBuilder().setDoubleValue(1e21).build()),
            attribute("retries", AnyValue.newBuilder().setIntValue(3).build()),
            attribute("raw", AnyValue.newBuilder()
                .setBytesValue(ByteString.copyFromUtf8("hi")).build()))
            .setTraceId(TestRequests.id(16, 1)).setSpanId(TestRequests.id(8, 2))))));

    assertArrayEquals(new String[] {
        "trace_id", "4b000000000000000000000000000001",
        "span_id", "4b00000000000002",
        "user_id", "u-42",
        "http_request_header_accept", "text/html",
        "http_request_header_x_trace_sampled", "true",
        "roles", "[\"admin\",7]",
        "latency", "12.5",
        "big", "1000000000000000000000",
        "retries", "3",
        "raw", "aGk=",
        "host_name", "node-1"}, entry.metadata());
  }

  @Test
  void aLabelValueOverLokisLimitIsCutAtACharacterAndCounted() {
    String req = "é".repeat(1500);
    Stream stream = mapper().map(request(service("auth", record(0, "x",
        attribute("req", req))))).iterator().next();
    assertEquals("é".repeat(1024), stream.labels()[1]);
    assertEquals(1, truncated.get());
    assertEquals("a".repeat(2048), StreamMapper.truncate("a".repeat(2049)));
    assertEquals("a".repeat(2047), StreamMapper.truncate("a".repeat(2047) + "😀"));
    assertEquals("a".repeat(2044) + "😀", StreamMapper.truncate("a".repeat(2044) + "😀b"));
  }

  @Test
  void aRecordWithNoneOfTheLabelsGoesToTheUnknownServiceStream() {
    Collection<Stream> streams = mapper().map(request(resource(List.of(), record(0, "x"))));
    assertEquals("{service_name=\"unknown_service\"}", streams.iterator().next().selector());
  }

  @Test
  void anEmptyValueIsNoLabel() {
    Collection<Stream> streams = mapper().map(request(service("", record(0, "x",
        attribute("req", "REQ-A")))));
    assertEquals("{req=\"REQ-A\"}", streams.iterator().next().selector());
  }

  @Test
  void theTimeIsTheRecordsElseTheObservedTimeElseTheTimeOfReceipt() {
    Collection<Stream> streams = mapper().map(request(service("auth",
        record(0, "own").setObservedTimeUnixNano(T0 + 99),
        LogRecord.newBuilder().setObservedTimeUnixNano(T0 + 7)
            .setBody(AnyValue.newBuilder().setStringValue("observed")),
        LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("received")))));
    assertEquals(List.of("0 own", "7 observed", "3600000000005 received"),
        lines(streams).values().iterator().next());
  }

  @Test
  void aBodyThatIsNoStringBecomesText() {
    AnyValue map = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
        .addValues(attribute("event", "login")).addValues(attribute("ok",
            AnyValue.newBuilder().setBoolValue(false).build()))).build();
    assertEquals("{\"event\":\"login\",\"ok\":false}", only(mapper().map(request(service("a",
        record(0, "").setBody(map))))).line());
    assertEquals("42", only(mapper().map(request(service("a",
        record(0, "").setBody(AnyValue.newBuilder().setIntValue(42)))))).line());
    assertEquals("", only(mapper().map(request(service("a",
        record(0, "").clearBody())))).line());
  }

  @Test
  void lineFormatJsonHoldsTheWholeRecord() {
    Entry entry = only(mapper(LabelsConfig.DEFAULT, LineFormat.JSON).map(request(service("auth",
        record(0, "payment declined", attribute("req", "REQ-A"))
            .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR)
            .setTraceId(TestRequests.id(16, 1)).setSpanId(TestRequests.id(8, 2))))));
    assertEquals("{\"body\":\"payment declined\",\"severity\":\"ERROR\","
        + "\"traceid\":\"4b000000000000000000000000000001\",\"spanid\":\"4b00000000000002\","
        + "\"attributes\":{\"req\":\"REQ-A\"},\"resources\":{\"service.name\":\"auth\"},"
        + "\"instrumentation_scope\":{\"name\":\"io.homeostat.test\",\"version\":\"1.0\"}}",
        entry.line());
  }

  @Test
  void labelsComeFromTheConfiguredResourceAndRecordAttributes() {
    LabelsConfig labels = new LabelsConfig(List.of("deployment.environment"),
        List.of("http.route", "req"), false);
    Stream stream = mapper(labels, LineFormat.BODY).map(request(resource(
        List.of(attribute("service.name", "auth"), attribute("deployment.environment", "prod")),
        record(0, "x", attribute("req", "REQ-A"), attribute("http.route", "/login")))))
        .iterator().next();
    assertEquals("{deployment_environment=\"prod\", http_route=\"/login\", req=\"REQ-A\"}",
        stream.selector());
    assertArrayEquals(new String[] {"service_name", "auth"},
        stream.entries().get(0).metadata());
  }

  @Test
  void selectorValuesAreGoStringLiterals() {
    assertEquals("{a=\"say \\\"hi\\\"\", b=\"c:\\\\dir\", c=\"two\\nlines\\ttab\\r\", "
        + "d=\"bell\\u0007\", e=\"grüße 😀\"}",
        StreamMapper.selector(new String[] {"a", "say \"hi\"", "b", "c:\\dir",
            "c", "two\nlines\ttab\r", "d", "bell\u0007", "e", "grüße 😀"}));
  }
}
