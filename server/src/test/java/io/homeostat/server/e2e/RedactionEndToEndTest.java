package io.homeostat.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.otlp.KeyValues;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.proto.trace.v1.Span.Event;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed requirement as a user would check it: an application instrumented with the
 * OpenTelemetry SDK leaks e-mail addresses, card numbers and passwords in every way it can (span
 * attributes, HTTP header arrays, exceptions, status messages, log bodies as text and as maps,
 * metric attributes, the resource), and not one of them reaches the file the server writes.
 */
class RedactionEndToEndTest {

  private static final List<String> SECRETS = List.of("hunter2", "s3cr3t-db-pass", "eyJhbGciOiJIUzI1NiJ9",
      "sid=9f8e7d6c", "AKIAEXAMPLEKEY123", "correct horse battery staple", "tok_live_abc123");

  /** Addresses in the forms a file could hold them, written loosely on purpose. */
  private static final Pattern EMAIL = Pattern.compile("[\\w.%+-]+@[\\w-]+(\\.[\\w-]+)+");
  /** Random hex ids, which hold a run of 13 or more decimal digits in about one run of fifty. */
  private static final Pattern HEX_ID = Pattern.compile("\"(traceId|spanId|parentSpanId)\":\"[0-9a-f]*\"");
  /** 13 to 19 digits, possibly grouped by single spaces or dashes. */
  private static final Pattern DIGITS = Pattern.compile("(?<![\\d])\\d(?:[ -]?\\d){12,18}(?![\\d])");

  @TempDir
  Path dir;

  @Test
  void noEmailCardNumberOrPasswordSurvivesToTheFileExporter() throws Exception {
    try (RunningServer server = RunningServer.start(dir, "homeostat.yaml", """
        receivers:
          otlp:
            protocols:
              grpc: { endpoint: "127.0.0.1:0" }
              http: { endpoint: "127.0.0.1:0" }
        processors:
          redaction:
            email: { action: hash }
            hash_salt: e2e-salt
        exporters:
          file: { path: out.jsonl }
        service:
          admin: { endpoint: "127.0.0.1:0" }
          pipelines:
            traces: { receivers: [otlp], processors: [redaction], exporters: [file] }
            metrics: { receivers: [otlp], processors: [redaction], exporters: [file] }
            logs: { receivers: [otlp], processors: [redaction], exporters: [file] }
        """)) {
      Resource resource = Resource.getDefault().merge(Resource.create(Attributes.builder()
          .put("service.name", "checkout").put("service.owner", "payments-team@example.com").build()));
      sendSpans(resource, "http://127.0.0.1:" + server.grpcPort());
      sendLogs(resource, "http://127.0.0.1:" + server.httpPort() + "/v1/logs");
      sendMetrics(resource, "http://127.0.0.1:" + server.grpcPort());
      assertTrue(server.metric("homeostat_redaction_redactions_total", "processor", "redaction", "rule", "email") >= 8);
      assertTrue(server.metric("homeostat_redaction_redactions_total", "processor", "redaction", "rule", "card") >= 4);
      assertTrue(server.metric("homeostat_redaction_redactions_total", "processor", "redaction", "rule", "secret_key") >= 8);
    }
    Path out = dir.resolve("out.jsonl");
    String written = Files.readString(out, StandardCharsets.UTF_8);

    List<String> emails = EMAIL.matcher(written).results().map(r -> r.group()).toList();
    assertEquals(List.of(), emails, "e-mail addresses in the file");
    assertTrue(HEX_ID.matcher(written).results().count() >= 5, "the spans' trace, span and parent ids");
    assertEquals(List.of(), cardNumbers(HEX_ID.matcher(written).replaceAll("\"$1\":\"\"")),
        "Luhn-valid card numbers in the file");
    for (String secret : SECRETS) {
      assertFalse(written.contains(secret), "'" + secret + "' is in the file");
    }

    var spans = TelemetryFile.spans(out);
    assertEquals(List.of("POST /login", "SELECT users"), spans.stream().map(s -> s.getName()).sorted().toList());
    var login = spans.stream().filter(s -> s.getName().equals("POST /login")).findFirst().orElseThrow();
    assertEquals("REQ-F-AUTH-001", KeyValues.getString(login.getAttributesList(), "req"), "what is no PII stays");
    assertEquals("4111111111111112", KeyValues.getString(login.getAttributesList(), "app.order.id"),
        "a number that fails Luhn is no card");
    assertEquals("****", KeyValues.getString(login.getAttributesList(), "http.request.header.authorization"));
    assertEquals(hash("e2e-salt", "bob@example.com"),
        KeyValues.getString(login.getAttributesList(), "enduser.email"), "addresses are hashed, salted");
    Event exception = login.getEventsList().stream().filter(e -> e.getName().equals("exception")).findFirst().orElseThrow();
    assertTrue(KeyValues.getString(exception.getAttributesList(), "exception.stacktrace")
        .startsWith("java.lang.IllegalStateException: card **** declined for "));
  }

  private static void sendSpans(Resource resource, String endpoint) {
    try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
        .addSpanProcessor(SimpleSpanProcessor.create(OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build()))
        .build()) {
      var tracer = provider.get("io.homeostat.e2e");
      Span login = tracer.spanBuilder("POST /login").setSpanKind(SpanKind.SERVER)
          .setAttribute("req", "REQ-F-AUTH-001")
          .setAttribute("http.route", "/login")
          .setAttribute("url.full", "https://shop.example.com/login?user=bob&password=hunter2&next=/cart")
          .setAttribute(AttributeKey.stringArrayKey("http.request.header.authorization"),
              List.of("Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig"))
          .setAttribute(AttributeKey.stringArrayKey("http.request.header.cookie"), List.of("sid=9f8e7d6c; theme=dark"))
          .setAttribute("enduser.email", "bob@example.com")
          .setAttribute("app.payment.card", "4111 1111 1111 1111")
          .setAttribute("app.payment.pan", 5500000000000004L)
          .setAttribute("app.order.id", "4111111111111112")
          .startSpan();
      tracer.spanBuilder("SELECT users").setSpanKind(SpanKind.CLIENT).setParent(Context.root().with(login))
          .setAttribute("db.statement", "SELECT id FROM users WHERE email = 'bob@example.com' AND pwd_hash = ?")
          .setAttribute("db.connection_string", "postgres://app:s3cr3t-db-pass@db.internal:5432/shop")
          .startSpan().end();
      login.recordException(new IllegalStateException("card 4111-1111-1111-1111 declined for bob@example.com"));
      login.addEvent("login.retry", Attributes.of(AttributeKey.stringKey("user.email"), "Bob@Example.com"));
      login.setStatus(StatusCode.ERROR, "auth failed: {\"password\": \"hunter2\", \"email\": \"bob@example.com\"}");
      login.end();
    }
  }

  private static void sendLogs(Resource resource, String endpoint) {
    try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(resource)
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(
            OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint).build())).build()) {
      var logger = provider.get("io.homeostat.e2e");
      logger.logRecordBuilder().setSeverity(Severity.WARN).setSeverityText("WARN")
          .setBody("login failed user=ann@example.org password=hunter2 card=5500-0000-0000-0004 api_key=AKIAEXAMPLEKEY123")
          .setAttribute(AttributeKey.stringKey("http.request.header.x-api-key"), "AKIAEXAMPLEKEY123").emit();
      logger.logRecordBuilder().setSeverity(Severity.INFO)
          .setBody(Value.of(Map.of(
              "event", Value.of("signup"),
              "user", Value.of(Map.of(
                  "email", Value.of("dana@example.net"),
                  "password", Value.of("correct horse battery staple"))),
              "payment", Value.of(Value.of("6011 0009 9013 9424"), Value.of(378282246310005L)),
              "stripe", Value.of("{\"token\":\"tok_live_abc123\",\"receipt_email\":\"dana@example.net\"}"))))
          .emit();
    }
  }

  private static void sendMetrics(Resource resource, String endpoint) {
    PeriodicMetricReader reader = PeriodicMetricReader.builder(
        OtlpGrpcMetricExporter.builder().setEndpoint(endpoint).build()).setInterval(Duration.ofHours(1)).build();
    try (SdkMeterProvider provider = SdkMeterProvider.builder().setResource(resource).registerMetricReader(reader).build()) {
      var attempts = provider.get("io.homeostat.e2e").counterBuilder("login_attempts").build();
      attempts.add(1, Attributes.of(AttributeKey.stringKey("user"), "eve@example.com",
          AttributeKey.stringKey("status"), "failure"));
      assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess(), "the metric export failed");
    }
  }

  /** Every Luhn-valid 13 to 19 digit number starting with 2 to 6 in {@code text}, grouped or not. */
  private static List<String> cardNumbers(String text) {
    List<String> found = new ArrayList<>();
    Matcher matcher = DIGITS.matcher(text);
    while (matcher.find()) {
      String digits = matcher.group().replaceAll("[ -]", "");
      for (int start = 0; start < digits.length(); start++) {
        for (int end = start + 13; end <= Math.min(digits.length(), start + 19); end++) {
          String candidate = digits.substring(start, end);
          if (candidate.charAt(0) >= '2' && candidate.charAt(0) <= '6' && luhn(candidate)
              && !isTimestamp(matcher.group())) {
            found.add(matcher.group());
          }
        }
      }
    }
    return found;
  }

  /** Epoch nanoseconds and milliseconds, which the file holds by the dozen and which start with 1. */
  private static boolean isTimestamp(String digits) {
    return digits.startsWith("1") && (digits.length() == 19 || digits.length() == 13) && digits.matches("\\d+");
  }

  private static boolean luhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      }
      sum += digit;
    }
    return sum % 10 == 0;
  }

  /** The hash the processor writes for an address: SHA-256 of the salt and the address in lower case. */
  private static String hash(String salt, String address) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest((salt + address.toLowerCase(java.util.Locale.ROOT)).getBytes(StandardCharsets.UTF_8)));
  }
}
