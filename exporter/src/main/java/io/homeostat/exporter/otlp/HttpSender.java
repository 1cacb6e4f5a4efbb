package io.homeostat.exporter.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.otlp.OtlpJson;
import io.homeostat.core.otlp.OtlpJsonException;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.exporter.sending.ExportException;
import io.homeostat.exporter.sending.PermanentExportException;
import io.homeostat.exporter.sending.Sender;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/** Posts export requests with the JDK's HTTP client, one URL per signal. */
final class HttpSender implements Sender {

  /** Statuses OTLP/HTTP clients retry (OTLP specification, "Failures"). */
  private static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);
  /** How much of an unparsed error body a message quotes. */
  private static final int MAX_QUOTED = 300;

  private final ComponentSettings settings;
  private final OtlpHttpConfig config;
  private final Map<Signal, URI> urls = new EnumMap<>(Signal.class);
  private HttpClient client;

  HttpSender(ComponentSettings settings, OtlpHttpConfig config, Set<Signal> signals) {
    this.settings = settings;
    this.config = config;
    signals.forEach(signal -> urls.put(signal, config.url(signal)));
  }

  @Override
  public void start() throws IOException {
    client = HttpPost.client(config.timeout(),
        urls.values().stream().anyMatch(url -> url.getScheme().equalsIgnoreCase("https")),
        config.tls(), settings);
  }

  @Override
  public Outcome.Accepted send(Signal signal, Message request, Deadline deadline)
      throws ExportException {
    URI url = urls.get(signal);
    HttpRequest.Builder post = HttpRequest.newBuilder(url)
        .timeout(deadline.remaining())
        .header("Content-Type", config.encoding().contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body(request)));
    if (config.compression() == Compression.GZIP) {
      post.header("Content-Encoding", "gzip");
    }
    config.headers().forEach(post::header);
    HttpResponse<byte[]> response =
        HttpPost.send(client, post.build(), "the OTLP/HTTP backend", config.timeout());
    int status = response.statusCode();
    if (status / 100 == 2) {
      return PartialSuccess.of(decodeResponse(signal, response));
    }
    String message = "the OTLP/HTTP backend at " + url + " answered " + status
        + quote(errorMessage(response)) + hint(status, signal);
    if (!RETRYABLE.contains(status)) {
      throw new PermanentExportException(message, null);
    }
    throw new ExportException(message, HttpPost.retryAfter(response, Instant.now()), null);
  }

  private byte[] body(Message request) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(request.getSerializedSize() + 64);
    try (OutputStream target = config.compression() == Compression.GZIP
        ? new GZIPOutputStream(out) : out) {
      if (config.encoding() == Encoding.JSON) {
        OtlpJson.encode(request, target);
      } else {
        request.writeTo(target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("encoding into memory failed", e);
    }
    return out.toByteArray();
  }

  /**
   * The export response in a 2xx body, in the encoding the backend answered with; an empty or
   * unreadable body counts as full success.
   */
  private static Message decodeResponse(Signal signal, HttpResponse<byte[]> response) {
    Message prototype = switch (signal) {
      case TRACES -> ExportTraceServiceResponse.getDefaultInstance();
      case METRICS -> ExportMetricsServiceResponse.getDefaultInstance();
      case LOGS -> ExportLogsServiceResponse.getDefaultInstance();
    };
    return decode(response, prototype);
  }

  /** The body as {@code prototype}'s type, JSON or protobuf by its content type, else prototype. */
  private static <T extends Message> T decode(HttpResponse<byte[]> response, T prototype) {
    byte[] body = response.body();
    try {
      if (isJson(response)) {
        return OtlpJson.decode(new ByteArrayInputStream(body), prototype);
      }
      @SuppressWarnings("unchecked")
      T parsed = (T) prototype.getParserForType().parseFrom(body);
      return parsed;
    } catch (OtlpJsonException | InvalidProtocolBufferException e) {
      return prototype;
    }
  }

  private static boolean isJson(HttpResponse<byte[]> response) {
    return response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
  }

  /** The backend's reason: a {@code google.rpc.Status} message, or the start of a text body. */
  private static String errorMessage(HttpResponse<byte[]> response) {
    byte[] body = response.body();
    if (body.length == 0) {
      return "";
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (isJson(response) || type.startsWith("application/x-protobuf")) {
      return decode(response, com.google.rpc.Status.getDefaultInstance()).getMessage();
    }
    return HttpPost.excerpt(body, MAX_QUOTED);
  }

  private static String quote(String backendMessage) {
    return backendMessage.isEmpty() ? "" : ": " + backendMessage;
  }

  private static String hint(int status, Signal signal) {
    return switch (status) {
      case 400 -> "; the backend refused the data as invalid";
      case 401, 403 -> "; check the credentials and tenant (such as X-Scope-OrgID) in headers";
      case 404 -> "; the URL does not serve OTLP " + signal.configName() + ": check the endpoint "
          + "(the exporter appends /v1/" + signal.configName() + " to it) or set "
          + signal.configName() + "_endpoint to the full URL";
      case 413 -> "; the request is over the backend's size limit";
      case 415 -> "; the backend does not accept this content type";
      case 429, 503 -> "; the backend is overloaded or throttling";
      case 502, 504 -> "; a proxy in front of the backend could not reach it";
      default -> "";
    };
  }
}
