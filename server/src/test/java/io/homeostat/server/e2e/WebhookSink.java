package io.homeostat.server.e2e;

import io.homeostat.core.net.Endpoint;
import io.homeostat.core.net.HttpServer;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A webhook receiver on loopback: every POST body, by path, for the test to take in order. */
final class WebhookSink implements AutoCloseable {

  record Received(String path, String body) {}

  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final HttpServer server;

  WebhookSink() throws IOException {
    server = HttpServer.start(new HttpServer.Options("webhook-sink", Endpoint.parse("127.0.0.1:0"),
        1 << 20, true, 1), (request, responder) -> {
          received.add(new Received(request.path(), request.body().toString(StandardCharsets.UTF_8)));
          responder.respond(HttpResponseStatus.OK, "text/plain", new byte[0]);
        });
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.address().getPort() + path;
  }

  /** The next notification, waiting up to {@code within}; null when none came. */
  Received next(Duration within) throws InterruptedException {
    return received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Everything received so far, taken. */
  List<Received> drain() {
    List<Received> all = new java.util.ArrayList<>();
    received.drainTo(all);
    return all;
  }

  @Override
  public void close() {
    server.close();
  }
}
