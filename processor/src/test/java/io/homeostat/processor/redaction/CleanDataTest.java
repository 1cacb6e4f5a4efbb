package io.homeostat.processor.redaction;

import static io.homeostat.processor.support.Records.attr;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.otlp.KeyValues;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What has nothing to redact costs no allocation and comes back as the same instance. */
class CleanDataTest {

  private static final List<String> CLEAN = List.of(
      "GET /api/v1/orders/12345?page=2&size=50",
      "SELECT o.id, o.total FROM orders o WHERE o.customer_id = ? AND o.created_at > ?",
      "2026-11-21T10:15:00.123Z INFO  [main] o.a.c.Server - started in 1234 ms on port 8080",
      "{\"order_id\":\"ord_8f14e45f\",\"items\":3,\"total\":129.95,\"currency\":\"EUR\"}",
      "retry attempt=2 backoff=200ms cause=java.net.SocketTimeoutException: Read timed out",
      "trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7 ts=1795256100000000000",
      "npm install @opentelemetry/api@1.9.0 passwordless_login_enabled=true",
      "https://shop.example.com:8443/cart?session_length=30");

  @Test
  void scanningCleanTextAllocatesNothing() {
    Redaction redaction = Redaction.of("blocked_values: ['\\bSSN-\\d{3}-\\d{2}-\\d{4}\\b']");
    for (int i = 0; i < 20_000; i++) {
      for (String text : CLEAN) {
        assertSame(text, redaction.redact(text));
      }
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    String[] texts = CLEAN.toArray(String[]::new);
    long before = threads.getThreadAllocatedBytes(id);
    int calls = 0;
    for (int i = 0; i < 10_000; i++) {
      for (int t = 0; t < texts.length; t++) {
        if (redaction.redact(texts[t]) != texts[t]) {
          throw new AssertionError(texts[t]);
        }
        calls++;
      }
    }
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    assertTrue(allocated < calls / 10, allocated + " bytes allocated over " + calls + " clean scans");
  }

  /** The attributes of a typical server span: none holds anything to redact. */
  static final List<KeyValue> SPAN_ATTRIBUTES = List.of(
      attr("http.request.method", "POST"),
      attr("http.route", "/api/v1/orders/{id}"),
      attr("url.full", "https://shop.example.com/api/v1/orders/12345?expand=items"),
      attr("http.response.status_code", 201),
      attr("server.address", "shop.example.com"),
      attr("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0"),
      attr("app.order.items", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
          .addValues(KeyValues.string("sku-123")).addValues(KeyValues.string("sku-456"))).build()),
      attr("app.cache.hit", AnyValue.newBuilder().setBoolValue(true).build()));

  @Test
  void redactingCleanAttributesAllocatesNothing() {
    Redaction redaction = Redaction.defaults();
    for (int i = 0; i < 20_000; i++) {
      assertSame(SPAN_ATTRIBUTES, redaction.attributes(SPAN_ATTRIBUTES));
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < 10_000; i++) {
      if (redaction.attributes(SPAN_ATTRIBUTES) != SPAN_ATTRIBUTES) {
        throw new AssertionError("a clean attribute list came back changed");
      }
    }
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    assertTrue(allocated < 1_000, allocated + " bytes allocated over 10000 clean attribute lists");
  }
}
