package io.homeostat.exporter.prometheusremotewrite;

import com.google.protobuf.Message;
import io.airlift.compress.snappy.SnappyCompressor;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.exporter.otlp.HttpPost;
import io.homeostat.exporter.prometheus.translate.Translator;
import io.homeostat.exporter.sending.ExportException;
import io.homeostat.exporter.sending.PermanentExportException;
import io.homeostat.exporter.sending.Sender;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

/**
 * Posts the metric points of one request to a remote-write receiver: translated, encoded as a
 * {@code WriteRequest}, compressed with snappy's block format, with the headers the remote-write
 * 1.0 specification requires. 5xx and 429 answers are retried (after {@code Retry-After} when
 * given), other 4xx answers are final.
 *
 * <p>Sending keeps no state: the request is already cumulative (see {@code RemoteWriteExporter}),
 * so an attempt that is retried sends the same samples again.
 */
final class RemoteWriteSender implements Sender {

  /** How much of an error body a message quotes. */
  private static final int MAX_QUOTED = 300;
  private static final String USER_AGENT = "Homeostat/" + version();

  private final ComponentSettings settings;
  private final PrometheusRemoteWriteConfig config;
  private final URI url;
  private final Translator translator;
  private final Clock clock;
  private HttpClient client;

  RemoteWriteSender(ComponentSettings settings, PrometheusRemoteWriteConfig config,
      Translator translator, Clock clock) {
    this.settings = settings;
    this.config = config;
    this.url = config.url();
    this.translator = translator;
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
    byte[] body = WriteRequestEncoder.encode(
        translator.translate((ExportMetricsServiceRequest) request), clock.millis());
    if (body.length == 0) {
      return Outcome.ACCEPTED;
    }
    SnappyCompressor snappy = new SnappyCompressor();
    byte[] compressed = new byte[snappy.maxCompressedLength(body.length)];
    int length = snappy.compress(body, 0, body.length, compressed, 0, compressed.length);
    HttpRequest.Builder post = HttpRequest.newBuilder(url)
        .timeout(deadline.remaining())
        .header("Content-Encoding", "snappy")
        .header("Content-Type", "application/x-protobuf")
        .header("User-Agent", USER_AGENT)
        .header("X-Prometheus-Remote-Write-Version", "0.1.0")
        .POST(HttpRequest.BodyPublishers.ofByteArray(compressed, 0, length));
    config.headers().forEach(post::header);
    HttpResponse<byte[]> response = HttpPost.send(client, post.build(),
        "the remote-write receiver", config.timeout());
    int status = response.statusCode();
    if (status / 100 == 2) {
      return Outcome.ACCEPTED;
    }
    String message = "the remote-write receiver at " + url + " answered " + status
        + quote(response.body()) + hint(status);
    if (status / 100 == 5 || status == 429) {
      throw new ExportException(message, HttpPost.retryAfter(response, clock.instant()), null);
    }
    throw new PermanentExportException(message, null);
  }

  private static String quote(byte[] body) {
    String text = HttpPost.excerpt(body, MAX_QUOTED);
    return text.isEmpty() ? "" : ": " + text;
  }

  private static String hint(int status) {
    return switch (status) {
      case 400 -> "; the receiver refused the samples (out of order or too old ones are refused "
          + "this way: keep sending_queue.num_consumers at 1)";
      case 401, 403 -> "; check the credentials and tenant (such as X-Scope-OrgID) in headers";
      case 404 -> "; the URL does not take remote write: check the endpoint (Prometheus: "
          + "/api/v1/write, started with --web.enable-remote-write-receiver)";
      case 413 -> "; the request is over the receiver's size limit";
      case 429, 503 -> "; the receiver is overloaded or throttling";
      case 502, 504 -> "; a proxy in front of the receiver could not reach it";
      default -> "";
    };
  }

  private static String version() {
    String version = RemoteWriteSender.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
