package io.homeostat.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final String SCRAPE = """
      # HELP homeostat_receiver_accepted_spans Spans accepted.
      # TYPE homeostat_receiver_accepted_spans counter
      homeostat_receiver_accepted_spans_total{receiver="otlp",transport="grpc"} 1200.0
      homeostat_receiver_accepted_spans_total{receiver="otlp",transport="http"} 300.0
      homeostat_receiver_accepted_spans_total_extra 7.0
      homeostat_receiver_accepted_log_records_total{receiver="otlp",transport="grpc"} 5.0
      homeostat_ring_remaining_capacity 4096.0
      homeostat_odd_total{reason="a } b"} 2.0 1700000000000
      """;

  @Test
  void sumsEverySeriesOfTheNameAndNoOtherName() {
    assertEquals(1500.0, PrometheusText.sum(SCRAPE, "homeostat_receiver_accepted_spans_total"));
  }

  @Test
  void readsSeriesWithoutLabels() {
    assertEquals(4096.0, PrometheusText.sum(SCRAPE, "homeostat_ring_remaining_capacity"));
  }

  @Test
  void labelValuesWithSpacesOrBracesAndTimestampsDoNotConfuseIt() {
    assertEquals(2.0, PrometheusText.sum(SCRAPE, "homeostat_odd_total"));
  }

  @Test
  void aMissingMetricCountsZero() {
    assertEquals(0.0, PrometheusText.sum(SCRAPE, "homeostat_receiver_accepted_metric_points_total"));
  }

  @Test
  void anUnreadableValueIsRefusedQuotingTheLine() {
    assertEquals("unreadable sample of x_total: 'x_total{a=\"b\"} many'",
        assertThrows(IllegalArgumentException.class,
            () -> PrometheusText.sum("x_total{a=\"b\"} many\n", "x_total")).getMessage());
  }
}
