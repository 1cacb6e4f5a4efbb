package io.homeostat.core.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.homeostat.core.pipeline.Signal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The OTLP/JSON codec: the proto3 JSON mapping with OTLP's deviations, for any protobuf message
 * (export requests and responses, {@code google.rpc.Status}).
 *
 * <ul>
 *   <li>{@code traceId}, {@code spanId}, {@code parentSpanId} (in spans, links, log records and
 *       exemplars) are hex strings, read in either case; other bytes fields are base64.
 *   <li>Enums are written as numbers; numbers and names are read.
 *   <li>Keys are written lowerCamelCase; lowerCamelCase and snake_case are read.
 *   <li>64-bit integers are written as decimal strings; strings and numbers are read. Doubles read
 *       numbers and {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 *   <li>Unset fields, default scalars and empty lists are not written; {@code null} reads as unset;
 *       unknown fields are skipped.
 *   <li>{@code google.protobuf.Any} holds {@code google.rpc.Status} or one of its error details
 *       ({@code {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.500s"}}).
 *       Duration and Timestamp take their proto3 JSON strings; the other well-known types, which
 *       neither OTLP nor google.rpc use, are treated as ordinary messages.
 * </ul>
 *
 * <p>Thread-safe; the per-type tables behind it are built on first use and shared.
 */
public final class OtlpJson {

  /** Leaves callers' streams open and unflushed: the file exporter writes many lines to one stream. */
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .build();

  private OtlpJson() {}

  /**
   * Decodes an OTLP/JSON message of prototype's type (export requests, export responses,
   * google.rpc.Status, anything protobuf). Reads {@code json} up to its end, which must hold exactly
   * one JSON value, and does not close it.
   *
   * @throws OtlpJsonException when the input is not JSON, not one value, or does not fit the type;
   *     its message names the JSON path and line:column
   */
  @SuppressWarnings("unchecked")
  public static <T extends Message> T decode(InputStream json, T prototype) throws OtlpJsonException {
    return (T) new ProtoJsonReader(FACTORY).read(json, prototype.newBuilderForType());
  }

  /** Decodes the export request of signal (ExportTraceServiceRequest / ExportMetricsServiceRequest / ExportLogsServiceRequest). */
  public static Message decodeRequest(Signal signal, InputStream json) throws OtlpJsonException {
    return decode(json, OtlpRequests.empty(signal));
  }

  /**
   * Writes message as compact single-line OTLP/JSON (no trailing newline). Neither flushes nor
   * closes {@code out}.
   *
   * @throws IllegalArgumentException when an Any holds a type other than google.rpc.Status and its
   *     error details, or a Duration or Timestamp is out of range; {@code out} may then hold part
   *     of the message, which {@link #encode(MessageOrBuilder)} never returns
   */
  public static void encode(MessageOrBuilder message, OutputStream out) throws IOException {
    JsonGenerator generator = FACTORY.createGenerator(out);
    new ProtoJsonWriter(generator).write(message);
    // Not in a finally: closing after a failure would write the buffered part and close its brackets.
    generator.close();
  }

  /** {@link #encode(MessageOrBuilder, OutputStream)} into a new array. */
  public static byte[] encode(MessageOrBuilder message) {
    try (ByteArrayBuilder out = new ByteArrayBuilder()) {
      encode(message, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
  }
}
