package io.homeostat.exporter.spanmetrics;

import io.homeostat.core.testing.ManualClock;
import static io.homeostat.exporter.spanmetrics.Spans.CHECKOUT;
import static io.homeostat.exporter.spanmetrics.Spans.request;
import static io.homeostat.exporter.spanmetrics.Spans.span;
import static io.homeostat.exporter.spanmetrics.Spans.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.exporter.ConfigFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SeriesTableTest {

  private final ManualClock clock = new ManualClock(Spans.T0);

  private SeriesTable table(String yaml) {
    SpanMetricsConfig config = ConfigFixture.bind(new SpanMetricsConnectorFactory(),
        "spanmetrics:\n" + yaml);
    return new SeriesTable(config, SpanMetricsConnector.histograms(config.histogram()), clock,
        new MetricRegistry().counter("overflow_total", "test"), () -> { });
  }

  @Test
  void aSpanOfAKnownSeriesFindsItWithoutANewKey() {
    SeriesTable table = table("");
    table.add(request(CHECKOUT, span("a", 1_000, 1, string("req", "REQ-A"))));
    Series first = table.all().get(0);
    table.add(request(CHECKOUT, span("a", 2_000, 2, string("req", "REQ-A"))));

    assertEquals(1, table.size());
    assertSame(first, table.all().get(0));
    assertEquals(2, first.read().calls());
  }

  @Test
  void anExpiredSeriesThatGotASpanBeforeItsRemovalIsKept() {
    SeriesTable table = table("  metrics_expiration: 1m\n");
    table.add(request(CHECKOUT, span("a", 1_000, 1, string("req", "REQ-A"))));
    Series series = table.all().get(0);
    SeriesPoint readByTheFlush = series.read();
    clock.advance(Duration.ofMinutes(2));
    // The flush read the series before this span and hands it over after it.
    table.add(request(CHECKOUT, span("a", 1_000, 2, string("req", "REQ-A"))));
    table.retire(series);

    table.add(request(CHECKOUT, span("a", 1_000, 3, string("req", "REQ-B"))));
    assertEquals(2, table.size());
    assertEquals(3, series.read().calls() + readByTheFlush.calls());
  }

  @Test
  void aSeriesHandedOverAndStillQuietIsRemovedWithItsResource() {
    SeriesTable table = table("  metrics_expiration: 1m\n");
    table.add(request(CHECKOUT, span("a", 1_000, 1, string("req", "REQ-A"))));
    Series old = table.all().get(0);
    clock.advance(Duration.ofMinutes(1));
    table.retire(old);

    table.add(request(CHECKOUT, span("a", 1_000, 2, string("req", "REQ-A"))));
    assertEquals(1, table.size());
    Series renewed = table.all().get(0);
    assertEquals(1, renewed.read().calls());
    assertEquals(false, renewed.group == old.group, "the resource was forgotten with its last "
        + "series and found anew");
  }
}
