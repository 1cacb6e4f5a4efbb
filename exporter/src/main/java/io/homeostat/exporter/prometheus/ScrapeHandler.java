package io.homeostat.exporter.prometheus;

import io.homeostat.core.net.HttpHandler;
import io.homeostat.core.net.HttpRequest;
import io.homeostat.core.net.HttpResponder;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: the current series in the text format 0.0.4, or in OpenMetrics 1.0 when
 * {@code enable_open_metrics} is on and the {@code Accept} header asks for it; gzip-compressed
 * when the scraper accepts gzip, as Prometheus does.
 */
final class ScrapeHandler implements HttpHandler {

  static final String PATH = "/metrics";
  private static final String TEXT_PLAIN = "text/plain; charset=utf-8";

  private static final Logger log = LoggerFactory.getLogger(ScrapeHandler.class);

  private final Supplier<MetricSnapshots> snapshots;
  private final RateLimitedLog failures = new RateLimitedLog(log, Duration.ofSeconds(10));
  private final boolean openMetricsEnabled;
  private final PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();
  private final OpenMetricsTextFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();

  ScrapeHandler(Supplier<MetricSnapshots> snapshots, boolean openMetricsEnabled) {
    this.snapshots = snapshots;
    this.openMetricsEnabled = openMetricsEnabled;
  }

  @Override
  public void handle(HttpRequest request, HttpResponder responder) {
    if (!request.path().equals(PATH)) {
      responder.respond(HttpResponseStatus.NOT_FOUND, TEXT_PLAIN,
          ("not found: the Prometheus exporter serves " + PATH + "\n")
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (!request.method().equals(HttpMethod.GET)) {
      responder.header(HttpHeaderNames.ALLOW, "GET").respond(HttpResponseStatus.METHOD_NOT_ALLOWED,
          TEXT_PLAIN, (PATH + " is read with GET\n").getBytes(StandardCharsets.UTF_8));
      return;
    }
    String accept = request.headers().get(HttpHeaderNames.ACCEPT);
    ExpositionFormatWriter writer =
        openMetricsEnabled && accept != null && openMetrics.accepts(accept) ? openMetrics : text;
    boolean gzip = request.headers().get(HttpHeaderNames.ACCEPT_ENCODING, "")
        .toLowerCase(Locale.ROOT).contains("gzip");
    ByteArrayOutputStream body = new ByteArrayOutputStream(16384);
    try (OutputStream out = gzip ? new GZIPOutputStream(body) : body) {
      writer.write(out, snapshots.get());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to a byte array", e);
    } catch (RuntimeException e) {
      // The client library refused something the translation let through: a bug to report.
      failures.warn("scrape", "the Prometheus exporter could not answer a scrape (a bug: please "
          + "report it with this message): " + e, e);
      responder.respond(HttpResponseStatus.INTERNAL_SERVER_ERROR, TEXT_PLAIN,
          ("cannot write the metrics: " + e + "\n").getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (gzip) {
      responder.header(HttpHeaderNames.CONTENT_ENCODING, "gzip");
    }
    responder.respond(HttpResponseStatus.OK, writer.getContentType(), body.toByteArray());
  }
}
