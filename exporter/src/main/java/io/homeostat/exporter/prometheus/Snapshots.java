package io.homeostat.exporter.prometheus;

import io.homeostat.exporter.prometheus.translate.Drops;
import io.homeostat.exporter.prometheus.translate.Family;
import io.homeostat.exporter.prometheus.translate.Kind;
import io.homeostat.exporter.prometheus.translate.LabelSet;
import io.homeostat.exporter.prometheus.translate.PromExemplar;
import io.homeostat.exporter.prometheus.translate.PromPoint;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translated points as the Prometheus client library's snapshots, which its writers turn into
 * the text formats.
 *
 * <p>The library names a counter without {@code _total} and an info metric without
 * {@code _info}, and adds the suffix when writing. Two series with the same labels keep the later
 * point; a name that arrives as two types keeps the type of its latest point, and the others'
 * points are counted as dropped (at every scrape while both are held).
 */
final class Snapshots {

  private final boolean sendTimestamps;
  private final Drops drops;

  Snapshots(boolean sendTimestamps, Drops drops) {
    this.sendTimestamps = sendTimestamps;
    this.drops = drops;
  }

  MetricSnapshots of(List<PromPoint> points) {
    Map<String, PromPoint> latest = new HashMap<>();
    for (PromPoint point : points) {
      latest.merge(exposedName(point.family()), point,
          (a, b) -> b.timestampMillis() > a.timestampMillis() ? b : a);
    }
    Map<String, Map<LabelSet, PromPoint>> families = new LinkedHashMap<>();
    Map<String, Integer> conflicts = new HashMap<>();
    for (PromPoint point : points) {
      String name = exposedName(point.family());
      if (latest.get(name).family().kind() != point.family().kind()) {
        conflicts.merge(point.family().name(), 1, Integer::sum);
        continue;
      }
      families.computeIfAbsent(name, n -> new LinkedHashMap<>()).merge(point.labels(), point,
          (a, b) -> b.timestampMillis() >= a.timestampMillis() ? b : a);
    }
    conflicts.forEach((name, count) -> drops.add(Drops.Reason.TYPE_CONFLICT, count, name));
    List<MetricSnapshot> snapshots = new ArrayList<>(families.size());
    for (Map.Entry<String, Map<LabelSet, PromPoint>> family : families.entrySet()) {
      try {
        snapshots.add(snapshot(family.getValue().values()));
      } catch (IllegalArgumentException e) {
        // The client library refused what the translation let through; the rest of the scrape
        // is still good.
        drops.add(Drops.Reason.INVALID_POINT, family.getValue().size(), family.getKey());
      }
    }
    return new MetricSnapshots(snapshots);
  }

  /** The name the writers give the family's samples, so that no two families write the same. */
  private static String exposedName(Family family) {
    return family.kind() == Kind.COUNTER && !family.name().endsWith("_total")
        ? family.name() + "_total" : family.name();
  }

  private MetricSnapshot snapshot(Collection<PromPoint> points) {
    Family family = points.iterator().next().family();
    return switch (family.kind()) {
      case GAUGE -> gauge(family, points);
      case COUNTER -> counter(family, points);
      case HISTOGRAM -> histogram(family, points);
      case SUMMARY -> summary(family, points);
      case INFO -> info(family, points);
    };
  }

  private MetricSnapshot gauge(Family family, Collection<PromPoint> points) {
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(family.name()).help(family.help());
    for (PromPoint point : points) {
      GaugeDataPointSnapshot.Builder data = GaugeDataPointSnapshot.builder()
          .value(((PromPoint.Number) point).value());
      gauge.dataPoint(common(data, point).build());
    }
    return gauge.build();
  }

  private MetricSnapshot counter(Family family, Collection<PromPoint> points) {
    CounterSnapshot.Builder counter = CounterSnapshot.builder()
        .name(withoutSuffix(family.name(), "_total")).help(family.help());
    for (PromPoint point : points) {
      PromPoint.Number number = (PromPoint.Number) point;
      CounterDataPointSnapshot.Builder data = CounterDataPointSnapshot.builder()
          .value(number.value());
      PromExemplar exemplar = latest(number.exemplars());
      if (exemplar != null) {
        data.exemplar(exemplar(exemplar));
      }
      counter.dataPoint(common(data, point).build());
    }
    return counter.build();
  }

  private MetricSnapshot histogram(Family family, Collection<PromPoint> points) {
    HistogramSnapshot.Builder histogram = HistogramSnapshot.builder().name(family.name())
        .help(family.help());
    for (PromPoint point : points) {
      PromPoint.Histogram h = (PromPoint.Histogram) point;
      HistogramDataPointSnapshot.Builder data = HistogramDataPointSnapshot.builder()
          .classicHistogramBuckets(ClassicHistogramBuckets.of(h.upperBounds(), h.counts()));
      if (!Double.isNaN(h.sum())) {
        data.sum(h.sum());
      }
      if (!h.exemplars().isEmpty()) {
        List<Exemplar> exemplars = new ArrayList<>(h.exemplars().size());
        h.exemplars().forEach(e -> exemplars.add(exemplar(e)));
        data.exemplars(Exemplars.of(exemplars));
      }
      histogram.dataPoint(common(data, point).build());
    }
    return histogram.build();
  }

  private MetricSnapshot summary(Family family, Collection<PromPoint> points) {
    SummarySnapshot.Builder summary = SummarySnapshot.builder().name(family.name())
        .help(family.help());
    for (PromPoint point : points) {
      PromPoint.Summary s = (PromPoint.Summary) point;
      List<Quantile> quantiles = new ArrayList<>(s.quantiles().length);
      for (int i = 0; i < s.quantiles().length; i++) {
        quantiles.add(new Quantile(s.quantiles()[i], s.values()[i]));
      }
      SummaryDataPointSnapshot.Builder data = SummaryDataPointSnapshot.builder()
          .quantiles(Quantiles.of(quantiles)).count(s.count());
      data.sum(s.sum());
      summary.dataPoint(common(data, point).build());
    }
    return summary.build();
  }

  private MetricSnapshot info(Family family, Collection<PromPoint> points) {
    InfoSnapshot.Builder info = InfoSnapshot.builder().name(withoutSuffix(family.name(), "_info"))
        .help(family.help());
    for (PromPoint point : points) {
      info.dataPoint(InfoDataPointSnapshot.builder().labels(labels(point.labels())).build());
    }
    return info.build();
  }

  private <B extends DataPointSnapshot.Builder<B>> B common(B data, PromPoint point) {
    data.labels(labels(point.labels()));
    if (sendTimestamps && point.timestampMillis() > 0) {
      data.scrapeTimestampMillis(point.timestampMillis());
    }
    return data;
  }

  private static Labels labels(LabelSet labels) {
    return labels.size() == 0 ? Labels.EMPTY : Labels.of(labels.names(), labels.values());
  }

  private static PromExemplar latest(List<PromExemplar> exemplars) {
    PromExemplar latest = null;
    for (PromExemplar exemplar : exemplars) {
      if (latest == null || exemplar.timestampMillis() >= latest.timestampMillis()) {
        latest = exemplar;
      }
    }
    return latest;
  }

  private static Exemplar exemplar(PromExemplar exemplar) {
    Exemplar.Builder builder = Exemplar.builder().value(exemplar.value());
    if (!exemplar.traceId().isEmpty()) {
      builder.traceId(exemplar.traceId());
    }
    if (!exemplar.spanId().isEmpty()) {
      builder.spanId(exemplar.spanId());
    }
    if (exemplar.timestampMillis() > 0) {
      builder.timestampMillis(exemplar.timestampMillis());
    }
    return builder.build();
  }

  private static String withoutSuffix(String name, String suffix) {
    return name.endsWith(suffix) && name.length() > suffix.length()
        ? name.substring(0, name.length() - suffix.length()) : name;
  }
}
