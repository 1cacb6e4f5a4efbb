package io.homeostat.exporter.prometheus.translate;

import static io.homeostat.exporter.prometheus.translate.LabelNamer.isDigit;
import static io.homeostat.exporter.prometheus.translate.LabelNamer.isLetter;

import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metric names as the Collector's translator makes them ({@code pkg/translator/prometheus/
 * normalize_name.go}).
 *
 * <p>With {@code add_metric_suffixes} (the default) the name is split into words at every
 * character that is not a letter or digit, the unit is appended unless the name already holds it
 * ({@code s} → {@code seconds}, {@code By} → {@code bytes}, {@code 1} → nothing, {@code {packet}}
 * → nothing; {@code a/b} → {@code a_per_b} with {@code s} → {@code second} and so on), monotonic
 * sums end in {@code _total} and gauges of unit {@code 1} in {@code _ratio}; the words are joined
 * with {@code _}. Without it, only characters Prometheus does not allow are replaced. Either way
 * the namespace comes first and a name that would start with a digit gets a {@code _} prefix.
 *
 * <p>Letters are ASCII letters: the Collector keeps any Unicode letter, which makes names that
 * Prometheus (before its UTF-8 names) refuses.
 */
public final class MetricNamer {

  /** OTLP (UCUM) units and the words Prometheus uses for them. */
  private static final Map<String, String> UNITS = Map.ofEntries(
      Map.entry("d", "days"), Map.entry("h", "hours"), Map.entry("min", "minutes"),
      Map.entry("s", "seconds"), Map.entry("ms", "milliseconds"),
      Map.entry("us", "microseconds"), Map.entry("ns", "nanoseconds"),
      Map.entry("By", "bytes"), Map.entry("KiBy", "kibibytes"), Map.entry("MiBy", "mebibytes"),
      Map.entry("GiBy", "gibibytes"), Map.entry("TiBy", "tibibytes"),
      Map.entry("KBy", "kilobytes"), Map.entry("MBy", "megabytes"),
      Map.entry("GBy", "gigabytes"), Map.entry("TBy", "terabytes"),
      Map.entry("m", "meters"), Map.entry("V", "volts"), Map.entry("A", "amperes"),
      Map.entry("J", "joules"), Map.entry("W", "watts"), Map.entry("g", "grams"),
      Map.entry("Cel", "celsius"), Map.entry("Hz", "hertz"), Map.entry("1", ""),
      Map.entry("%", "percent"));

  /** The units after a {@code /}, in the singular: {@code By/s} → {@code bytes_per_second}. */
  private static final Map<String, String> PER_UNITS = Map.of("s", "second", "m", "minute",
      "h", "hour", "d", "day", "w", "week", "mo", "month", "y", "year");

  /** Distinct metric names are few; the cache stops growing here in case they are not. */
  private static final int CACHE_LIMIT = 10_000;

  private final String namespace;
  private final boolean addSuffixes;
  private final Map<CacheKey, String> cache = new ConcurrentHashMap<>();

  /**
   * @param namespace put before every name with a {@code _}; empty for none
   * @param addSuffixes the config's {@code add_metric_suffixes}
   */
  public MetricNamer(String namespace, boolean addSuffixes) {
    this.namespace = namespace;
    this.addSuffixes = addSuffixes;
  }

  /** The Prometheus name of {@code metric}; empty when nothing of its name is usable. */
  public String name(Metric metric) {
    return name(metric.getName(), metric.getUnit(), Kind.of(metric),
        metric.getDataCase() == Metric.DataCase.GAUGE);
  }

  /** The name of the metric that holds the resource's attributes: {@code target_info}. */
  public String targetInfo() {
    return namespace.isEmpty() ? "target_info" : namespace + "_target_info";
  }

  String name(String name, String unit, Kind kind, boolean otlpGauge) {
    CacheKey key = new CacheKey(name, unit, kind, otlpGauge);
    String cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    String built = addSuffixes ? normalize(name, unit, kind, otlpGauge) : sanitize(name);
    if (cache.size() < CACHE_LIMIT) {
      cache.put(key, built);
    }
    return built;
  }

  private String normalize(String name, String unit, Kind kind, boolean otlpGauge) {
    List<String> words = words(name);
    if (words.isEmpty()) {
      return "";
    }
    int slash = unit.indexOf('/');
    String main = (slash < 0 ? unit : unit.substring(0, slash)).strip();
    String per = slash < 0 ? "" : unit.substring(slash + 1).strip();
    if (!main.isEmpty() && !hasBraces(main)) {
      String word = String.join("_", words(UNITS.getOrDefault(main, main)));
      if (!word.isEmpty() && !words.contains(word)) {
        words.add(word);
      }
    }
    if (!per.isEmpty() && !hasBraces(per)) {
      String word = String.join("_", words(PER_UNITS.getOrDefault(per, per)));
      if (!word.isEmpty() && !words.contains(word)) {
        words.add("per");
        words.add(word);
      }
    }
    if (kind == Kind.COUNTER) {
      moveToEnd(words, "total");
    }
    // Only OTLP gauges: some instrumentations give counts of things the unit 1.
    if (otlpGauge && unit.equals("1")) {
      moveToEnd(words, "ratio");
    }
    if (!namespace.isEmpty()) {
      words.add(0, namespace);
    }
    return withoutLeadingDigit(String.join("_", words));
  }

  /** Only characters Prometheus refuses are replaced, runs of them by one {@code _}. */
  private String sanitize(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean pending = false;
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      i += Character.charCount(c);
      if (isLetter(c) || isDigit(c) || c == '_' || c == ':') {
        if (pending && out.length() > 0) {
          out.append('_');
        }
        pending = false;
        out.append((char) c);
      } else {
        pending = true;
      }
    }
    if (out.length() == 0) {
      return "";
    }
    return namespace.isEmpty() ? withoutLeadingDigit(out.toString())
        : namespace + "_" + out;
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean part = i < text.length() && (isLetter(text.charAt(i)) || isDigit(text.charAt(i)));
      if (part && start < 0) {
        start = i;
      } else if (!part && start >= 0) {
        words.add(text.substring(start, i));
        start = -1;
      }
    }
    return words;
  }

  private static boolean hasBraces(String unit) {
    return unit.indexOf('{') >= 0 || unit.indexOf('}') >= 0;
  }

  private static void moveToEnd(List<String> words, String word) {
    words.removeIf(word::equals);
    words.add(word);
  }

  private static String withoutLeadingDigit(String name) {
    return !name.isEmpty() && isDigit(name.charAt(0)) ? "_" + name : name;
  }

  private record CacheKey(String name, String unit, Kind kind, boolean otlpGauge) {}
}
