package io.homeostat.receiver.otlp;

import com.google.protobuf.Message;
import com.google.rpc.Code;
import com.google.rpc.Status;
import io.homeostat.core.net.HttpHandler;
import io.homeostat.core.net.HttpRequest;
import io.homeostat.core.net.HttpResponder;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * OTLP/HTTP on core's {@link io.homeostat.core.net.HttpServer}, answering as the OpenTelemetry
 * Collector does: errors carry a {@code google.rpc.Status} in the request's encoding, or plain
 * text where the request has no encoding we speak.
 */
final class OtlpHttpHandler implements HttpHandler {

  private static final String TEXT = "text/plain; charset=utf-8";

  private final Map<String, SignalIntake> routes;
  /** The paths served, for the answer to any other path. */
  private final String served;
  private final InFlightCalls calls;
  private final RateLimitedLog warnings;

  /**
   * @param routes the intake of each path served; the paths of signals no pipeline uses are absent
   */
  OtlpHttpHandler(Map<String, SignalIntake> routes, InFlightCalls calls, RateLimitedLog warnings) {
    this.routes = Map.copyOf(routes);
    this.served = String.join(", ", routes.keySet().stream().sorted().toList());
    this.calls = calls;
    this.warnings = warnings;
  }

  @Override
  public void handle(HttpRequest request, HttpResponder responder) {
    BodyEncoding encoding = BodyEncoding.of(request.mediaType());
    SignalIntake intake = routes.get(request.path());
    if (intake == null) {
      fail(responder, encoding, HttpResponseStatus.NOT_FOUND, ExportResponses.status(
          Code.NOT_FOUND, "no OTLP endpoint at '" + request.path() + "'; this receiver serves POST "
              + served));
      return;
    }
    if (!HttpMethod.POST.equals(request.method())) {
      responder.header(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
      fail(responder, encoding, HttpResponseStatus.METHOD_NOT_ALLOWED, ExportResponses.status(
          Code.UNIMPLEMENTED, request.method() + " is not allowed on " + request.path()
              + ": send POST"));
      return;
    }
    if (encoding == null) {
      String given = request.mediaType().isEmpty() ? "missing Content-Type"
          : "unsupported Content-Type '" + request.mediaType() + "'";
      text(responder, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
          given + ": send " + BodyEncoding.ACCEPTED);
      return;
    }
    String compression = request.headers().get(HttpHeaderNames.CONTENT_ENCODING);
    if (compression != null
        && !HttpHeaderValues.IDENTITY.contentEqualsIgnoreCase(compression.strip())) {
      // The server's decompressor has already undone gzip and deflate; what is left it cannot.
      malformed(responder, encoding, ExportResponses.status(Code.INVALID_ARGUMENT,
          "unsupported Content-Encoding '" + compression
              + "': send the body uncompressed, or compressed with gzip or deflate"));
      return;
    }
    Message decoded;
    try {
      decoded = encoding.decode(intake.signal(), request.body());
    } catch (IOException e) {
      malformed(responder, encoding, ExportResponses.malformed("cannot decode the "
          + intake.signal().configName() + " request as " + encoding.mediaType() + ": "
          + e.getMessage(), e));
      return;
    }
    if (!calls.enter()) {
      intake.countRefused(decoded);
      refuse(responder, encoding, new Outcome.Refused(Duration.ofSeconds(1),
          "the receiver is shutting down: send again later"));
      return;
    }
    intake.submit(decoded, outcome -> answer(responder, encoding, intake, outcome)
        .addListener(written -> calls.exit()));
  }

  @Override
  public void bodyTooLarge(HttpRequest head, long limitBytes, HttpResponder responder) {
    warnings.warn("http-too-large", "refused an OTLP/HTTP request whose body is larger than"
        + " max_request_body_size after decompression; raise the limit or send smaller batches",
        null);
    fail(responder, BodyEncoding.of(head.mediaType()), HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        ExportResponses.status(Code.RESOURCE_EXHAUSTED, "request body exceeds"
            + " max_request_body_size (" + limitBytes + " bytes) after decompression: send"
            + " smaller batches"));
  }

  @Override
  public void malformedBody(HttpRequest head, String reason, HttpResponder responder) {
    warnings.warn("http-malformed-body", "refused an OTLP/HTTP request whose compressed body could"
        + " not be decompressed; check the client's Content-Encoding", null);
    fail(responder, BodyEncoding.of(head.mediaType()), HttpResponseStatus.BAD_REQUEST,
        ExportResponses.status(Code.INVALID_ARGUMENT, "the request body could not be"
            + " decompressed: " + reason));
  }

  private ChannelFuture answer(HttpResponder responder, BodyEncoding encoding,
      SignalIntake intake, Outcome outcome) {
    if (outcome instanceof Outcome.Accepted accepted) {
      return responder.respond(HttpResponseStatus.OK, encoding.mediaType(),
          encoding.encode(ExportResponses.of(intake.signal(), accepted)));
    }
    if (outcome instanceof Outcome.Refused refused) {
      return refuse(responder, encoding, refused);
    }
    return fail(responder, encoding, HttpResponseStatus.BAD_REQUEST,
        ExportResponses.status(Code.INVALID_ARGUMENT, ((Outcome.Invalid) outcome).message()));
  }

  private ChannelFuture refuse(HttpResponder responder, BodyEncoding encoding,
      Outcome.Refused refused) {
    responder.header(HttpHeaderNames.RETRY_AFTER, ExportResponses.retryAfterSeconds(refused));
    return fail(responder, encoding, HttpResponseStatus.SERVICE_UNAVAILABLE,
        ExportResponses.refused(refused));
  }

  private void malformed(HttpResponder responder, BodyEncoding encoding, Status status) {
    warnings.warn("http-malformed", "refused a malformed OTLP/HTTP request; check the client's"
        + " exporter: " + status.getMessage(), null);
    fail(responder, encoding, HttpResponseStatus.BAD_REQUEST, status);
  }

  /** Answers with {@code status} in the request's encoding, or as plain text without one. */
  private static ChannelFuture fail(HttpResponder responder, BodyEncoding encoding,
      HttpResponseStatus status, Status body) {
    if (encoding == null) {
      return text(responder, status, body.getMessage());
    }
    return responder.respond(status, encoding.mediaType(), encoding.encode(body));
  }

  private static ChannelFuture text(HttpResponder responder, HttpResponseStatus status,
      String message) {
    return responder.respond(status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
