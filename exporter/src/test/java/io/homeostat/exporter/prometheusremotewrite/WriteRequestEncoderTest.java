package io.homeostat.exporter.prometheusremotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlift.compress.snappy.SnappyCompressor;
import io.homeostat.exporter.prometheus.translate.Family;
import io.homeostat.exporter.prometheus.translate.Kind;
import io.homeostat.exporter.prometheus.translate.LabelSet;
import io.homeostat.exporter.prometheus.translate.PromPoint;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteRequestEncoderTest {

  private static final Family GAUGE = new Family("temperature", Kind.GAUGE, "");
  private static final LabelSet ROOM = LabelSet.builder().put("room", "a").build();

  private static List<String> decode(List<PromPoint> points, long now) throws Exception {
    byte[] raw = WriteRequestEncoder.encode(points, now);
    SnappyCompressor snappy = new SnappyCompressor();
    byte[] compressed = new byte[snappy.maxCompressedLength(raw.length)];
    int length = snappy.compress(raw, 0, raw.length, compressed, 0, compressed.length);
    return WriteRequests.decode(Arrays.copyOf(compressed, length)).stream()
        .map(WriteRequests.Series::toString).toList();
  }

  private static PromPoint gauge(double value, long millis) {
    return new PromPoint.Number(GAUGE, ROOM, value, millis, false, List.of());
  }

  @Test
  void aSeriesSamplesAreInTimeOrderAndTheLastOfEqualTimesWins() throws Exception {
    assertEquals(List.of("{__name__=\"temperature\",room=\"a\"} 1.0 @1000, 3.0 @2000, 4.0 @3000"),
        decode(List.of(gauge(2, 2000), gauge(1, 1000), gauge(4, 3000), gauge(3, 2000)), 0));
  }

  @Test
  void zeroValuesAndPointsWithoutTimeAreWrittenWithTheCurrentTime() throws Exception {
    assertEquals(List.of("{__name__=\"temperature\",room=\"a\"} 0.0 @1795256100000"),
        decode(List.of(gauge(0, 0)), 1_795_256_100_000L));
  }

  @Test
  void aSummaryIsOneSeriesPerQuantileWithSumAndCount() throws Exception {
    Family rpc = new Family("rpc_seconds", Kind.SUMMARY, "");
    assertEquals(List.of(
        "{__name__=\"rpc_seconds\",quantile=\"0.5\",room=\"a\"} 0.2 @5",
        "{__name__=\"rpc_seconds\",quantile=\"0.99\",room=\"a\"} 0.9 @5",
        "{__name__=\"rpc_seconds_sum\",room=\"a\"} 3.5 @5",
        "{__name__=\"rpc_seconds_count\",room=\"a\"} 10.0 @5",
        "{__name__=\"rpc_seconds\",quantile=\"0.5\",room=\"b\"} stale @6",
        "{__name__=\"rpc_seconds_sum\",room=\"b\"} stale @6",
        "{__name__=\"rpc_seconds_count\",room=\"b\"} stale @6"),
        decode(List.of(
            new PromPoint.Summary(rpc, ROOM, new double[] {0.5, 0.99}, new double[] {0.2, 0.9},
                10, 3.5, 5, false),
            new PromPoint.Summary(rpc, ROOM.toBuilder().put("room", "b").build(),
                new double[] {0.5}, new double[] {0.2}, 10, 3.5, 6, true)), 0));
  }

  @Test
  void aHistogramWithoutSumHasNoSumSeriesAndItsBucketsAreCumulative() throws Exception {
    Family latency = new Family("latency_seconds", Kind.HISTOGRAM, "");
    assertEquals(List.of(
        "{__name__=\"latency_seconds_bucket\",le=\"-1.0\"} 1.0 @7",
        "{__name__=\"latency_seconds_bucket\",le=\"0.25\"} 3.0 @7",
        "{__name__=\"latency_seconds_bucket\",le=\"+Inf\"} 6.0 @7",
        "{__name__=\"latency_seconds_count\"} 6.0 @7"),
        decode(List.of(new PromPoint.Histogram(latency, LabelSet.EMPTY,
            new double[] {-1, 0.25, Double.POSITIVE_INFINITY}, new long[] {1, 2, 3}, Double.NaN,
            7, false, List.of())), 0));
  }

  @Test
  void noPointsNoBytes() {
    assertEquals(0, WriteRequestEncoder.encode(List.of(), 0).length);
  }
}
