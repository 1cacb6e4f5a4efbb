package io.homeostat.processor.support;

import static io.homeostat.processor.testing.Otlp.gauge;
import static io.homeostat.processor.testing.Otlp.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.protobuf.Message;
import io.homeostat.processor.testing.Otlp;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestMergeTest {

  private static ExportMetricsServiceRequest metrics(String service, String scope, String... names) {
    return Otlp.metrics(service(service), scope,
        java.util.Arrays.stream(names).map(name -> gauge(name, 1)).toList());
  }

  @Test
  void oneRequestIsItsOwnMerge() {
    Message request = metrics("checkout", "meter", "a");
    assertSame(request, RequestMerge.of(List.of(request)));
  }

  @Test
  void equalResourcesAndScopesBecomeOneGroupInTheOrderFirstSeen() {
    Message merged = RequestMerge.of(List.of(
        metrics("checkout", "http", "a"),
        metrics("payments", "http", "b"),
        metrics("checkout", "db", "c"),
        metrics("checkout", "http", "d")));
    ExportMetricsServiceRequest expected = metrics("checkout", "http", "a", "d").toBuilder()
        .addResourceMetrics(metrics("payments", "http", "b").getResourceMetrics(0)).build();
    expected = expected.toBuilder().setResourceMetrics(0, expected.getResourceMetrics(0).toBuilder()
        .addScopeMetrics(metrics("checkout", "db", "c").getResourceMetrics(0).getScopeMetrics(0)))
        .build();
    assertEquals(expected, merged);
  }

  @Test
  void aScopeGroupAloneUnderItsKeyIsReusedAsItIs() {
    ExportMetricsServiceRequest checkout = metrics("checkout", "http", "a");
    ExportMetricsServiceRequest merged = (ExportMetricsServiceRequest) RequestMerge.of(List.of(
        checkout, metrics("payments", "http", "b")));
    assertSame(checkout.getResourceMetrics(0).getScopeMetrics(0),
        merged.getResourceMetrics(0).getScopeMetrics(0));
  }
}
