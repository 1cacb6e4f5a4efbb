package io.homeostat.exporter.prometheusremotewrite;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.homeostat.exporter.prometheus.translate.LabelSet;
import io.homeostat.exporter.prometheus.translate.PromPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translated points as a remote-write 1.0 {@code WriteRequest}, encoded field by field with the
 * numbers of Prometheus's {@code prompb} ({@code WriteRequest.timeseries = 1};
 * {@code TimeSeries.labels = 1, samples = 2}; {@code Label.name = 1, value = 2};
 * {@code Sample.value = 1, timestamp = 2}).
 *
 * <p>Each sample stream is its own series, named by {@code __name__}: a histogram becomes
 * {@code _bucket} series (cumulative, one per {@code le}), {@code _sum} and {@code _count}; a
 * summary one series per {@code quantile}, {@code _sum} and {@code _count}. Labels are sorted by
 * name; a series' samples are sorted by time, and of two at the same time the later one in the
 * request wins. A point flagged "no recorded value" sends Prometheus's stale marker in place of
 * each of its values. Bounds and quantiles are written as the Prometheus Java client writes them
 * on a scrape ({@code 0.5}, {@code 1.0}, {@code +Inf}), so both exporters make the same series.
 */
final class WriteRequestEncoder {

  /** The NaN Prometheus reads as "this series ended" (its {@code value.StaleNaN}). */
  static final double STALE_NAN = Double.longBitsToDouble(0x7ff0000000000002L);

  private static final int TIMESERIES = 1;
  private static final int LABELS = 1;
  private static final int SAMPLES = 2;
  private static final int NAME = 1;
  private static final int VALUE = 2;
  private static final int SAMPLE_VALUE = 1;
  private static final int SAMPLE_TIMESTAMP = 2;

  private WriteRequestEncoder() {}

  /**
   * The encoded request (not yet compressed); empty when there is no sample.
   *
   * @param nowMillis the time of points that carry none
   */
  static byte[] encode(List<PromPoint> points, long nowMillis) {
    Map<LabelSet, Samples> series = new LinkedHashMap<>();
    for (PromPoint point : points) {
      add(point, point.timestampMillis() > 0 ? point.timestampMillis() : nowMillis, series);
    }
    int size = 0;
    for (Map.Entry<LabelSet, Samples> entry : series.entrySet()) {
      entry.getValue().sort();
      size += lengthDelimitedSize(TIMESERIES, seriesSize(entry.getKey(), entry.getValue()));
    }
    byte[] out = new byte[size];
    CodedOutputStream coded = CodedOutputStream.newInstance(out);
    try {
      for (Map.Entry<LabelSet, Samples> entry : series.entrySet()) {
        writeSeries(coded, entry.getKey(), entry.getValue());
      }
      coded.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException("encoding into a byte array of the computed size failed", e);
    }
    return out;
  }

  private static void add(PromPoint point, long millis, Map<LabelSet, Samples> series) {
    String name = point.family().name();
    LabelSet labels = point.labels();
    boolean stale = point.stale();
    if (point instanceof PromPoint.Number number) {
      sample(series, labels, name, null, null, stale ? STALE_NAN : number.value(), millis);
    } else if (point instanceof PromPoint.Histogram histogram) {
      long cumulative = 0;
      for (int i = 0; i < histogram.upperBounds().length; i++) {
        cumulative += histogram.counts()[i];
        sample(series, labels, name + "_bucket", "le", format(histogram.upperBounds()[i]),
            stale ? STALE_NAN : cumulative, millis);
      }
      if (!Double.isNaN(histogram.sum())) {
        sample(series, labels, name + "_sum", null, null, stale ? STALE_NAN : histogram.sum(),
            millis);
      }
      sample(series, labels, name + "_count", null, null, stale ? STALE_NAN : cumulative, millis);
    } else {
      PromPoint.Summary summary = (PromPoint.Summary) point;
      for (int i = 0; i < summary.quantiles().length; i++) {
        sample(series, labels, name, "quantile", format(summary.quantiles()[i]),
            stale ? STALE_NAN : summary.values()[i], millis);
      }
      sample(series, labels, name + "_sum", null, null, stale ? STALE_NAN : summary.sum(), millis);
      sample(series, labels, name + "_count", null, null, stale ? STALE_NAN : summary.count(),
          millis);
    }
  }

  private static void sample(Map<LabelSet, Samples> series, LabelSet labels, String name,
      String extraName, String extraValue, double value, long millis) {
    LabelSet.Builder builder = labels.toBuilder().put("__name__", name);
    if (extraName != null) {
      builder.put(extraName, extraValue);
    }
    series.computeIfAbsent(builder.build(), l -> new Samples()).add(millis, value);
  }

  /** A bound or quantile as the Prometheus Java client's text writers show it. */
  static String format(double value) {
    if (value == Double.POSITIVE_INFINITY) {
      return "+Inf";
    }
    return value == Double.NEGATIVE_INFINITY ? "-Inf" : Double.toString(value);
  }

  private static int seriesSize(LabelSet labels, Samples samples) {
    int size = 0;
    for (int i = 0; i < labels.size(); i++) {
      size += lengthDelimitedSize(LABELS, labelSize(labels, i));
    }
    for (int i = 0; i < samples.size; i++) {
      size += lengthDelimitedSize(SAMPLES, sampleSize(samples, i));
    }
    return size;
  }

  private static int labelSize(LabelSet labels, int i) {
    return CodedOutputStream.computeStringSize(NAME, labels.name(i))
        + CodedOutputStream.computeStringSize(VALUE, labels.value(i));
  }

  private static int sampleSize(Samples samples, int i) {
    return CodedOutputStream.computeDoubleSize(SAMPLE_VALUE, samples.values[i])
        + CodedOutputStream.computeInt64Size(SAMPLE_TIMESTAMP, samples.millis[i]);
  }

  private static int lengthDelimitedSize(int field, int size) {
    return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(size)
        + size;
  }

  private static void writeSeries(CodedOutputStream out, LabelSet labels, Samples samples)
      throws IOException {
    out.writeTag(TIMESERIES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    out.writeUInt32NoTag(seriesSize(labels, samples));
    for (int i = 0; i < labels.size(); i++) {
      out.writeTag(LABELS, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(labelSize(labels, i));
      out.writeString(NAME, labels.name(i));
      out.writeString(VALUE, labels.value(i));
    }
    for (int i = 0; i < samples.size; i++) {
      out.writeTag(SAMPLES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(sampleSize(samples, i));
      out.writeDouble(SAMPLE_VALUE, samples.values[i]);
      out.writeInt64(SAMPLE_TIMESTAMP, samples.millis[i]);
    }
  }

  /** The samples of one series: usually one, so small arrays. */
  private static final class Samples {
    long[] millis = new long[1];
    double[] values = new double[1];
    int size;

    void add(long at, double value) {
      if (size == millis.length) {
        millis = Arrays.copyOf(millis, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      millis[size] = at;
      values[size++] = value;
    }

    /** In time order (insertion sort: stable, and the arrays are short); of equal times the last. */
    void sort() {
      for (int i = 1; i < size; i++) {
        long at = millis[i];
        double value = values[i];
        int j = i - 1;
        while (j >= 0 && millis[j] > at) {
          millis[j + 1] = millis[j];
          values[j + 1] = values[j];
          j--;
        }
        millis[j + 1] = at;
        values[j + 1] = value;
      }
      int kept = 0;
      for (int i = 0; i < size; i++) {
        if (kept > 0 && millis[kept - 1] == millis[i]) {
          values[kept - 1] = values[i];
        } else {
          millis[kept] = millis[i];
          values[kept++] = values[i];
        }
      }
      size = kept;
    }
  }
}
