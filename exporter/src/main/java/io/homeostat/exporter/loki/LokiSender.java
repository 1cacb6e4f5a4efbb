package io.homeostat.exporter.loki;

import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.exporter.otlp.Compression;
import io.homeostat.exporter.otlp.HttpPost;
import io.homeostat.exporter.sending.ExportException;
import io.homeostat.exporter.sending.PermanentExportException;
import io.homeostat.exporter.sending.Sender;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Collection;
import java.util.zip.GZIPOutputStream;

/**
 * Pushes the log records of one request to Loki: mapped to streams, encoded as protobuf with
 * snappy or as JSON, posted with the tenant's {@code X-Scope-OrgID}. As Loki's own clients do,
 * it retries 429 and 5xx answers (after {@code Retry-After} when given); any other answer is
 * final, and its message quotes what Loki said, which for a 400 names the entry and the limit it
 * broke.
 */
final class LokiSender implements Sender {

  /** How much of an error body a message quotes; Loki's 400 messages name stream and entry. */
  private static final int MAX_QUOTED = 1000;

  private final ComponentSettings settings;
  private final LokiConfig config;
  private final URI url;
  private final StreamMapper mapper;
  private final Clock clock;
  private HttpClient client;

  LokiSender(ComponentSettings settings, LokiConfig config, StreamMapper mapper, Clock clock) {
    this.settings = settings;
    this.config = config;
    this.url = config.url();
    this.mapper = mapper;
    this.clock = clock;
  }

  @Override
  public void start() throws IOException {
    client = HttpPost.client(config.timeout(), url.getScheme().equalsIgnoreCase("https"),
        config.tls(), settings);
  }

  @Override
  public Outcome.Accepted send(Signal signal, Message request, Deadline deadline)
      throws ExportException {
    Collection<Stream> streams = mapper.map((ExportLogsServiceRequest) request);
    if (streams.isEmpty()) {
      return Outcome.ACCEPTED;
    }
    HttpRequest.Builder post = HttpRequest.newBuilder(url)
        .timeout(deadline.remaining())
        .header("Content-Type", config.encoding().contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body(streams)));
    if (config.encoding() == PushEncoding.JSON && config.jsonCompression() == Compression.GZIP) {
      post.header("Content-Encoding", "gzip");
    }
    if (config.tenantId() != null) {
      post.header(LokiConfig.TENANT_HEADER, config.tenantId());
    }
    config.headers().forEach(post::header);
    HttpResponse<byte[]> response =
        HttpPost.send(client, post.build(), "Loki", config.timeout());
    int status = response.statusCode();
    if (status / 100 == 2) {
      return Outcome.ACCEPTED;
    }
    String message = "Loki at " + url + " answered " + status + quote(response.body())
        + hint(status);
    if (status == 429 || status / 100 == 5) {
      throw new ExportException(message, HttpPost.retryAfter(response, clock.instant()), null);
    }
    throw new PermanentExportException(message, null);
  }

  private byte[] body(Collection<Stream> streams) {
    if (config.encoding() == PushEncoding.PROTO) {
      return ProtoPushEncoder.encodeCompressed(streams);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * streams.size());
    try (OutputStream target = config.jsonCompression() == Compression.GZIP
        ? new GZIPOutputStream(out) : out) {
      JsonPushEncoder.encode(streams, target);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding into memory failed", e);
    }
    return out.toByteArray();
  }

  private static String quote(byte[] body) {
    String text = HttpPost.excerpt(body, MAX_QUOTED);
    return text.isEmpty() ? "" : ": " + text;
  }

  private String hint(int status) {
    return switch (status) {
      case 400 -> "; Loki refused the push as invalid (entries it names were dropped, as may be "
          + "the rest: Loki keeps the valid entries of a push it answers 400)";
      case 401 -> config.tenantId() == null
          ? "; this Loki runs with auth_enabled and needs to know the tenant: set tenant_id"
          : "; check the credentials in headers";
      case 403 -> "; check the credentials in headers and that tenant_id may push";
      case 404 -> "; the URL does not take pushes: check the endpoint (Loki pushes go to "
          + LokiConfig.PUSH_PATH + ")";
      case 413 -> "; the push is over Loki's size limit: send smaller batches to Homeostat, "
          + "or raise the limit of Loki (or of the proxy in front of it)";
      case 429 -> "; Loki is rate-limiting this tenant (limits_config.ingestion_rate_mb)";
      case 502, 504 -> "; a proxy in front of Loki could not reach it";
      default -> status / 100 == 5 ? "; Loki is failing or overloaded" : "";
    };
  }
}
