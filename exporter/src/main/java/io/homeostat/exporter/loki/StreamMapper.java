package io.homeostat.exporter.loki;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.telemetry.Counter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Turns the log records of an export request into Loki streams: the configured resource
 * attributes, record attributes and severity make a record's label set, and records with the
 * same set share a stream, whose entries end up in time order.
 *
 * <p>Each entry carries as structured metadata the record's trace and span id, its other
 * attributes and the other resource attributes, flattened ({@code http.request.header} maps
 * become {@code http_request_header_accept}...) and named by {@link LabelNames}; of two that end
 * up with one name, the record's own attribute wins. A label value longer than Loki accepts is
 * cut to its limit and counted.
 *
 * <p>Records of one stream tend to come together, so the mapper keeps the stream it used last and
 * builds a selector only when a record's label values differ from the previous record's.
 *
 * <p>Thread-safe: each call keeps its state to itself.
 */
final class StreamMapper {

  /** Loki's default {@code max_label_value_length}, in bytes of UTF-8. */
  static final int MAX_VALUE_BYTES = 2048;
  /**
   * The stream of records that have none of the configured labels (Loki refuses a stream without
   * labels); named as Loki's own OTLP endpoint names a service that did not say what it is.
   */
  static final String[] FALLBACK_LABELS = {"service_name", "unknown_service"};
  /** The ranges of OTLP severity numbers, four numbers each, from 1. */
  private static final String[] SEVERITY_NAMES = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR",
      "FATAL"};
  private static final HexFormat HEX = HexFormat.of();

  private final List<String> resourceKeys;
  private final List<String> attributeKeys;
  private final boolean severity;
  /** Label names by index: resource labels, then attribute labels, then severity. */
  private final String[] names;
  /** Label indexes in the order of their names, as a selector lists them. */
  private final int[] sorted;
  private final LineFormat lineFormat;
  private final LabelNames metadataNames = new LabelNames();
  private final Counter truncated;
  private final Clock clock;

  /**
   * @param truncated counts label values cut to {@value #MAX_VALUE_BYTES} bytes
   * @param clock the time of receipt, for records that carry no time of their own
   */
  StreamMapper(LabelsConfig labels, LineFormat lineFormat, Counter truncated, Clock clock) {
    this.resourceKeys = List.copyOf(labels.resource());
    this.attributeKeys = List.copyOf(labels.attributes());
    this.severity = labels.severity();
    this.names = new String[labels.count()];
    int i = 0;
    for (String key : resourceKeys) {
      names[i++] = LabelNames.sanitize(key);
    }
    for (String key : attributeKeys) {
      names[i++] = LabelNames.sanitize(key);
    }
    if (severity) {
      names[i] = LabelsConfig.SEVERITY;
    }
    this.sorted = IntStream.range(0, names.length).boxed()
        .sorted(Comparator.comparing(n -> names[n])).mapToInt(Integer::intValue).toArray();
    this.lineFormat = lineFormat;
    this.truncated = truncated;
    this.clock = clock;
  }

  /** The streams of {@code request}'s records, in order of first appearance. */
  Collection<Stream> map(ExportLogsServiceRequest request) {
    Batch batch = new Batch(receiptNanos());
    for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
      batch.add(resourceLogs);
    }
    Collection<Stream> streams = batch.streams.values();
    streams.forEach(Stream::sort);
    return streams;
  }

  private long receiptNanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** The severity label of {@code record}: its text, else its number's range; null for none. */
  static String severity(LogRecord record) {
    if (!record.getSeverityText().isEmpty()) {
      return record.getSeverityText();
    }
    int number = record.getSeverityNumberValue();
    return number >= 1 && number <= 4 * SEVERITY_NAMES.length
        ? SEVERITY_NAMES[(number - 1) / 4] : null;
  }

  /** {@code value} cut to at most {@value #MAX_VALUE_BYTES} bytes of UTF-8, whole characters. */
  static String truncate(String value) {
    // No character takes more than three bytes of UTF-8 per char of UTF-16.
    if (value.length() * 3 <= MAX_VALUE_BYTES) {
      return value;
    }
    int bytes = 0;
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      int width = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (bytes + width > MAX_VALUE_BYTES) {
        return value.substring(0, i);
      }
      bytes += width;
      i += Character.charCount(c);
    }
    return value;
  }

  /** {@code {a="x", b="y"}}: the names in order, each value a Go string literal. */
  static String selector(String[] labels) {
    StringBuilder out = new StringBuilder(16 * labels.length).append('{');
    for (int i = 0; i < labels.length; i += 2) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(labels[i]).append("=\"");
      escape(labels[i + 1], out);
      out.append('"');
    }
    return out.append('}').toString();
  }

  private static void escape(String value, StringBuilder out) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  /** The state of one {@link #map} call. */
  private final class Batch {
    final long receiptNanos;
    final Map<String, Stream> streams = new LinkedHashMap<>();
    /** This record's label values by label index; null where the record has none. */
    final String[] values = new String[names.length];
    /** The previous record's, and its stream. */
    final String[] lastValues = new String[names.length];
    Stream last;
    final List<String> metadata = new ArrayList<>();

    Batch(long receiptNanos) {
      this.receiptNanos = receiptNanos;
    }

    void add(ResourceLogs resourceLogs) {
      List<KeyValue> resource = resourceLogs.getResource().getAttributesList();
      String[] resourceValues = new String[resourceKeys.size()];
      for (int i = 0; i < resourceValues.length; i++) {
        resourceValues[i] = labelValue(KeyValues.get(resource, resourceKeys.get(i)));
      }
      List<String> resourceMetadata = new ArrayList<>();
      for (KeyValue attribute : resource) {
        if (!resourceKeys.contains(attribute.getKey())) {
          flatten(attribute.getKey(), attribute.getValue(), resourceMetadata);
        }
      }
      for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
        for (LogRecord record : scopeLogs.getLogRecordsList()) {
          System.arraycopy(resourceValues, 0, values, 0, resourceValues.length);
          int at = resourceValues.length;
          for (String key : attributeKeys) {
            values[at++] = labelValue(KeyValues.get(record.getAttributesList(), key));
          }
          if (severity) {
            values[at] = severity(record);
          }
          String line = lineFormat == LineFormat.BODY
              ? ValueJson.text(record.getBody())
              : jsonLine(record, resource, scopeLogs.getScope());
          stream().entries().add(new Entry(time(record), line,
              metadata(record, resourceMetadata)));
        }
      }
    }

    private String labelValue(AnyValue value) {
      if (value == null) {
        return null;
      }
      String text = ValueJson.text(value);
      if (text.isEmpty()) {
        return null;
      }
      String cut = truncate(text);
      if (cut.length() != text.length()) {
        truncated.inc();
      }
      return cut;
    }

    private long time(LogRecord record) {
      if (record.getTimeUnixNano() != 0) {
        return record.getTimeUnixNano();
      }
      return record.getObservedTimeUnixNano() != 0 ? record.getObservedTimeUnixNano()
          : receiptNanos;
    }

    /** The stream of the current {@link #values}. */
    private Stream stream() {
      if (last != null && Arrays.equals(values, lastValues)) {
        return last;
      }
      System.arraycopy(values, 0, lastValues, 0, values.length);
      List<String> pairs = new ArrayList<>(2 * names.length);
      for (int index : sorted) {
        if (values[index] != null) {
          pairs.add(names[index]);
          pairs.add(values[index]);
        }
      }
      String[] labels = pairs.isEmpty() ? FALLBACK_LABELS : pairs.toArray(new String[0]);
      String selector = selector(labels);
      last = streams.computeIfAbsent(selector, s -> new Stream(labels, s));
      return last;
    }

    private String[] metadata(LogRecord record, List<String> resourceMetadata) {
      metadata.clear();
      ByteString traceId = record.getTraceId();
      if (!traceId.isEmpty()) {
        metadata.add("trace_id");
        metadata.add(HEX.formatHex(traceId.toByteArray()));
      }
      ByteString spanId = record.getSpanId();
      if (!spanId.isEmpty()) {
        metadata.add("span_id");
        metadata.add(HEX.formatHex(spanId.toByteArray()));
      }
      for (KeyValue attribute : record.getAttributesList()) {
        if (!attributeKeys.contains(attribute.getKey())) {
          flatten(attribute.getKey(), attribute.getValue(), metadata);
        }
      }
      for (int i = 0; i < resourceMetadata.size(); i += 2) {
        addUnique(resourceMetadata.get(i), resourceMetadata.get(i + 1), metadata);
      }
      return metadata.toArray(new String[0]);
    }

    /** Adds {@code key}'s value, a map as one pair per (nested) entry, to {@code pairs}. */
    private void flatten(String key, AnyValue value, List<String> pairs) {
      if (value.hasKvlistValue()) {
        for (KeyValue inner : value.getKvlistValue().getValuesList()) {
          flatten(key + '.' + inner.getKey(), inner.getValue(), pairs);
        }
      } else {
        addUnique(metadataNames.of(key), ValueJson.text(value), pairs);
      }
    }

    private static void addUnique(String name, String value, List<String> pairs) {
      for (int i = 0; i < pairs.size(); i += 2) {
        if (pairs.get(i).equals(name)) {
          return;
        }
      }
      pairs.add(name);
      pairs.add(value);
    }

    /** The record as one JSON object, for {@code line_format: json}. */
    private String jsonLine(LogRecord record, List<KeyValue> resource,
        InstrumentationScope scope) {
      StringWriter text = new StringWriter(256);
      try (JsonGenerator out = ValueJson.FACTORY.createGenerator(text)) {
        out.writeStartObject();
        if (record.hasBody()) {
          out.writeFieldName("body");
          ValueJson.write(out, record.getBody());
        }
        String level = severity(record);
        if (level != null) {
          out.writeStringField("severity", level);
        }
        if (!record.getTraceId().isEmpty()) {
          out.writeStringField("traceid", HEX.formatHex(record.getTraceId().toByteArray()));
        }
        if (!record.getSpanId().isEmpty()) {
          out.writeStringField("spanid", HEX.formatHex(record.getSpanId().toByteArray()));
        }
        if (record.getAttributesCount() > 0) {
          out.writeFieldName("attributes");
          ValueJson.writeObject(out, record.getAttributesList());
        }
        if (!resource.isEmpty()) {
          out.writeFieldName("resources");
          ValueJson.writeObject(out, resource);
        }
        if (!scope.getName().isEmpty()) {
          out.writeObjectFieldStart("instrumentation_scope");
          out.writeStringField("name", scope.getName());
          if (!scope.getVersion().isEmpty()) {
            out.writeStringField("version", scope.getVersion());
          }
          out.writeEndObject();
        }
        out.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException("writing JSON into memory failed", e);
      }
      return text.toString();
    }
  }
}
