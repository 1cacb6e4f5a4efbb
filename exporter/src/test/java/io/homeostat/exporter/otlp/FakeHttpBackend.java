package io.homeostat.exporter.otlp;

import io.homeostat.core.net.Endpoint;
import io.homeostat.core.net.HttpServer;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP backend (OTLP/HTTP, remote write) on 127.0.0.1 for tests, on core's
 * {@link HttpServer}: records each request and answers from a script, then 200 with an empty
 * body.
 */
public final class FakeHttpBackend implements AutoCloseable {

  /** One request as the backend saw it (body decompressed when the server decompresses). */
  public record Received(String path, HttpHeaders headers, byte[] body) {}

  /** A scripted answer; {@code status} 0 leaves the request unanswered. */
  public record Answer(int status, Map<String, String> headers, String contentType, byte[] body) {
    public static Answer never() {
      return new Answer(0, Map.of(), null, new byte[0]);
    }
  }

  public final BlockingQueue<Received> requests = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
  private final HttpServer server;

  public FakeHttpBackend(boolean decompress) throws IOException {
    server = HttpServer.start(new HttpServer.Options("fake otlp backend",
        Endpoint.parse("127.0.0.1:0"), 20 << 20, decompress, 1), (request, responder) -> {
          requests.add(new Received(request.path(), new DefaultHttpHeaders().set(request.headers()),
              ByteBufUtil.getBytes(request.body())));
          Answer answer = script.poll();
          if (answer == null) {
            responder.respond(HttpResponseStatus.OK, "application/x-protobuf", new byte[0]);
          } else if (answer.status() > 0) {
            answer.headers().forEach(responder::header);
            responder.respond(HttpResponseStatus.valueOf(answer.status()), answer.contentType(),
                answer.body());
          }
        });
  }

  /** The base URL, such as {@code http://127.0.0.1:43567}. */
  public String url() {
    return "http://127.0.0.1:" + server.address().getPort();
  }

  public void answerNext(Answer... answers) {
    script.addAll(java.util.List.of(answers));
  }

  public Received nextRequest() throws InterruptedException {
    Received received = requests.poll(10, TimeUnit.SECONDS);
    if (received == null) {
      throw new AssertionError("the backend received no request within 10s");
    }
    return received;
  }

  @Override
  public void close() {
    server.close();
  }
}
