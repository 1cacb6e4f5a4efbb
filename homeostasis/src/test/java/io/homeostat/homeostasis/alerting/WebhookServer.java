package io.homeostat.homeostasis.alerting;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.homeostat.core.net.Endpoint;
import io.homeostat.core.net.HttpRequest;
import io.homeostat.core.net.HttpResponder;
import io.homeostat.core.net.HttpServer;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A receiver of notifications on a real loopback HTTP server: it records every request and
 * answers as scripted (200 unless told otherwise), or holds the answer back to play a stalled
 * receiver.
 */
final class WebhookServer implements AutoCloseable {

  /** One request as received; header names in lower case. */
  record Received(String path, Map<String, String> headers, byte[] bytes) {
    String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** An answer; {@link #STALL} answers nothing until the server closes. */
  record Reply(int status, Map<String, String> headers) {
    static final Reply STALL = new Reply(0, Map.of());

    static Reply of(int status) {
      return new Reply(status, Map.of());
    }
  }

  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<HttpResponder> held = new ConcurrentLinkedQueue<>();
  private volatile Reply otherwise = Reply.of(200);
  private final HttpServer server;

  WebhookServer() throws Exception {
    server = HttpServer.start(new HttpServer.Options("test webhook", Endpoint.parse("127.0.0.1:0"),
        1 << 20, true, 1), this::handle);
  }

  private void handle(HttpRequest request, HttpResponder responder) {
    Map<String, String> headers = new TreeMap<>();
    request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
    byte[] bytes = new byte[request.body().readableBytes()];
    request.body().readBytes(bytes);
    received.add(new Received(request.path(), headers, bytes));
    Reply reply = script.poll();
    if (reply == null) {
      reply = otherwise;
    }
    if (reply == Reply.STALL) {
      held.add(responder);
      return;
    }
    reply.headers().forEach(responder::header);
    responder.respond(HttpResponseStatus.valueOf(reply.status()), "text/plain",
        ("status " + reply.status()).getBytes(StandardCharsets.UTF_8));
  }

  /** The next requests get these answers, in order. */
  WebhookServer reply(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** Requests past the script get this answer. */
  WebhookServer otherwise(Reply reply) {
    otherwise = reply;
    return this;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.address().getPort() + path;
  }

  /** The next request; fails after 10 seconds. */
  Received take() throws InterruptedException {
    Received next = received.poll(10, TimeUnit.SECONDS);
    assertNotNull(next, "no request reached the test webhook within 10 seconds");
    return next;
  }

  /** The next {@code n} requests. */
  List<Received> take(int n) throws InterruptedException {
    List<Received> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(take());
    }
    return out;
  }

  /** Answers the requests held back so far with 200. */
  void release() {
    HttpResponder responder;
    while ((responder = held.poll()) != null) {
      responder.respond(HttpResponseStatus.OK, "text/plain", new byte[0]);
    }
  }

  @Override
  public void close() {
    release();
    server.close();
  }
}
