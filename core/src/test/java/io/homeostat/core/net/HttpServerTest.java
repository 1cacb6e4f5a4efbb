package io.homeostat.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {

  private static final int LIMIT = 1 << 20;

  private HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.start(new HttpServer.Options("test", Endpoint.parse("127.0.0.1:0"), LIMIT, true, 1),
        (request, responder) -> {
          String answer = request.method() + " " + request.path() + "?" + request.query()
              + " type=" + request.mediaType() + " bytes=" + request.body().readableBytes();
          responder.header("X-Seen", "yes")
              .respond(HttpResponseStatus.OK, "text/plain", answer.getBytes(StandardCharsets.UTF_8));
        });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(byte[] body, String encoding) throws Exception {
    var builder = java.net.http.HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.address().getPort() + "/v1/traces?x=1"))
        .header("Content-Type", "application/x-protobuf; charset=binary")
        .POST(BodyPublishers.ofByteArray(body));
    if (encoding != null) {
      builder.header("Content-Encoding", encoding);
    }
    return client.send(builder.build(), BodyHandlers.ofString());
  }

  @Test
  void handsTheWholeDecompressedBodyToTheHandler() throws Exception {
    HttpResponse<String> plain = post(new byte[1000], null);
    assertEquals(200, plain.statusCode());
    assertEquals("POST /v1/traces?x=1 type=application/x-protobuf bytes=1000", plain.body());
    assertEquals("yes", plain.headers().firstValue("X-Seen").orElseThrow());

    HttpResponse<String> gzipped = post(gzip(new byte[5000]), "gzip");
    assertEquals("POST /v1/traces?x=1 type=application/x-protobuf bytes=5000", gzipped.body());
  }

  @Test
  void aBodyPastTheLimitAfterDecompressionIs413AndTheServerGoesOn() throws Exception {
    byte[] bomb = gzip(new byte[64 << 20]);
    assertTrue(bomb.length < LIMIT / 4, "the compressed bomb is far under the limit");
    HttpResponse<String> refused = post(bomb, "gzip");
    assertEquals(413, refused.statusCode());
    assertEquals("request body exceeds 1048576 bytes after decompression\n", refused.body());

    for (int i = 0; i < 20; i++) {
      assertEquals(413, post(new byte[LIMIT + 1], null).statusCode());
    }
    assertEquals(200, post(new byte[LIMIT], null).statusCode());
  }

  @Test
  void aCorruptGzipBodyIs400AndTheServerGoesOn() throws Exception {
    byte[] corrupt = gzip(new byte[100_000]);
    for (int i = 20; i < corrupt.length - 8; i++) {
      corrupt[i] ^= 0x5a;
    }
    HttpResponse<String> refused = post(corrupt, "gzip");
    assertEquals(400, refused.statusCode());
    assertTrue(refused.body().startsWith("malformed request body: "), refused.body());
    assertEquals(200, post(new byte[10], null).statusCode());
  }

  @Test
  void aBusyPortIsAClearError() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> HttpServer.start(
        new HttpServer.Options("second", Endpoint.parse("127.0.0.1:" + server.address().getPort()),
            LIMIT, false, 1), (r, w) -> { }));
    assertEquals("cannot listen on 127.0.0.1:" + server.address().getPort() + " for second: the address"
        + " is in use or not available on this host (change its endpoint, or stop what holds the port)",
        e.getMessage());
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
