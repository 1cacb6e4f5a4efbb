package io.homeostat.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Loki double reads and refuses pushes as Loki does, whoever wrote them. */
class LokiDoubleTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private LokiDouble loki;

  @AfterEach
  void close() {
    if (loki != null) {
      loki.close();
    }
  }

  private HttpResponse<String> post(String contentType, byte[] body, String... headers)
      throws Exception {
    HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(loki.url() + LokiDouble.PATH))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      post.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      post.headers(headers);
    }
    return http.send(post.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> json(String body) throws Exception {
    return post("application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  /** A push of one stream with one entry, written with protobuf's own writer. */
  private static byte[] push(String labels, long seconds, int nanos, String line)
      throws IOException {
    ByteString timestamp = message(out -> {
      out.writeInt64(1, seconds);
      out.writeInt32(2, nanos);
    });
    ByteString pair = message(out -> {
      out.writeString(1, "trace_id");
      out.writeString(2, "4bf9");
    });
    ByteString entry = message(out -> {
      out.writeBytes(1, timestamp);
      out.writeString(2, line);
      out.writeBytes(3, pair);
    });
    ByteString stream = message(out -> {
      out.writeString(1, labels);
      out.writeBytes(2, entry);
    });
    return message(out -> out.writeBytes(1, stream)).toByteArray();
  }

  private interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  private static ByteString message(Fields fields) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    fields.write(out);
    out.flush();
    return ByteString.copyFrom(bytes.toByteArray());
  }

  private static byte[] snappy(byte[] body) {
    SnappyCompressor snappy = new SnappyCompressor();
    byte[] out = new byte[snappy.maxCompressedLength(body.length)];
    return Arrays.copyOf(out, snappy.compress(body, 0, body.length, out, 0, out.length));
  }

  @Test
  void aSnappyProtobufPushIsTakenWith204() throws Exception {
    loki = new LokiDouble(false);
    HttpResponse<String> answer = post("application/x-protobuf",
        snappy(push("{service_name=\"auth\", req=\"say \\\"hi\\\"\\n\", empty=\"\"}", 1_700_000_000,
            5, "login ok")));
    assertEquals(204, answer.statusCode());
    assertEquals(List.of(new LokiDouble.Stream(Map.of("req", "say \"hi\"\n",
            "service_name", "auth"),
        List.of(new LokiDouble.Entry(1_700_000_000_000_000_005L, "login ok",
            Map.of("trace_id", "4bf9"))))), loki.nextPush().streams());
  }

  @Test
  void aJsonPushIsTakenWith204() throws Exception {
    loki = new LokiDouble(false);
    assertEquals(204, json("{\"streams\":[{\"stream\":{\"service_name\":\"auth\"},"
        + "\"values\":[[\"5\",\"a\"],[\"6\",\"b\",{\"trace_id\":\"4bf9\"}]]}]}").statusCode());
    assertEquals(List.of(new LokiDouble.Stream(Map.of("service_name", "auth"),
        List.of(new LokiDouble.Entry(5, "a", Map.of()),
            new LokiDouble.Entry(6, "b", Map.of("trace_id", "4bf9"))))),
        loki.nextPush().streams());
  }

  @Test
  void aPushWithoutContentTypeIs400() throws Exception {
    loki = new LokiDouble(false);
    HttpResponse<String> answer = post(null, snappy(push("{a=\"b\"}", 1, 0, "x")));
    assertEquals(400, answer.statusCode());
    assertEquals("mime: no media type\n", answer.body());
  }

  @Test
  void protobufThatIsNotSnappyCompressedIs400() throws Exception {
    loki = new LokiDouble(false);
    HttpResponse<String> answer = post("application/x-protobuf", push("{a=\"b\"}", 1, 0, "x"));
    assertEquals(400, answer.statusCode());
    assertEquals("snappy: corrupt input\n", answer.body());
  }

  @Test
  void snappyThatHoldsNoPushRequestIs400() throws Exception {
    loki = new LokiDouble(false);
    HttpResponse<String> answer = post("application/x-protobuf",
        snappy(new byte[] {0x0a, 0x7f, 0x01}));
    assertEquals(400, answer.statusCode());
  }

  @Test
  void aFieldOfTheWrongWireTypeIs400() throws Exception {
    loki = new LokiDouble(false);
    byte[] streamsAsVarint = message(out -> out.writeUInt64(1, 7)).toByteArray();
    HttpResponse<String> answer = post("application/x-protobuf", snappy(streamsAsVarint));
    assertEquals(400, answer.statusCode());
    assertEquals("proto: wrong wireType = 0 for field PushRequest.streams\n", answer.body());
  }

  @Test
  void aNumericJsonTimestampIs400() throws Exception {
    loki = new LokiDouble(false);
    HttpResponse<String> answer = json("{\"streams\":[{\"stream\":{\"a\":\"b\"},"
        + "\"values\":[[1700000000000000000,\"x\"]]}]}");
    assertEquals(400, answer.statusCode());
  }

  @Test
  void jsonThatDoesNotParseIs400() throws Exception {
    loki = new LokiDouble(false);
    assertEquals(400, json("{\"streams\": [").statusCode());
  }

  @Test
  void aStreamWithoutLabelsIs400() throws Exception {
    loki = new LokiDouble(false);
    HttpResponse<String> answer = post("application/x-protobuf",
        snappy(push("{}", 1, 0, "x")));
    assertEquals(400, answer.statusCode());
    assertEquals("error at least one label pair is required per stream\n", answer.body());
  }

  @Test
  void aSelectorLokisParserCannotReadIs400() throws Exception {
    loki = new LokiDouble(false);
    HttpResponse<String> answer = post("application/x-protobuf",
        snappy(push("{k8s:pod=\"a\"}", 1, 0, "x")));
    assertEquals(400, answer.statusCode());
    assertEquals("error parsing labels '{k8s:pod=\"a\"}' with error: parse error at position 4: "
        + "expected '='\n", answer.body());
  }

  @Test
  void moreThanFifteenLabelsIs400() throws Exception {
    loki = new LokiDouble(false);
    StringBuilder labels = new StringBuilder("{");
    for (int i = 0; i < 16; i++) {
      labels.append(i == 0 ? "" : ", ").append("l").append(i).append("=\"v\"");
    }
    HttpResponse<String> answer = post("application/x-protobuf",
        snappy(push(labels.append('}').toString(), 1, 0, "x")));
    assertEquals(400, answer.statusCode());
  }

  @Test
  void aLabelValueOver2048BytesIs400() throws Exception {
    loki = new LokiDouble(false);
    HttpResponse<String> answer = json("{\"streams\":[{\"stream\":{\"a\":\"" + "x".repeat(2049)
        + "\"},\"values\":[[\"1\",\"x\"]]}]}");
    assertEquals(400, answer.statusCode());
  }

  @Test
  void withAuthAPushWithoutTenantIs401() throws Exception {
    loki = new LokiDouble(true);
    HttpResponse<String> answer = post("application/x-protobuf",
        snappy(push("{a=\"b\"}", 1, 0, "x")));
    assertEquals(401, answer.statusCode());
    assertEquals("no org id\n", answer.body());
    assertEquals(204, post("application/x-protobuf", snappy(push("{a=\"b\"}", 1, 0, "x")),
        "X-Scope-OrgID", "team-a").statusCode());
    assertEquals("team-a", loki.nextPush().tenant());
  }

  @Test
  void scriptedAnswersComeBeforeThePushIsTaken() throws Exception {
    loki = new LokiDouble(false);
    loki.answerTooManyRequests(1, "2");
    loki.answerBadRequest(1, "entry too far behind");
    byte[] body = snappy(push("{a=\"b\"}", 1, 0, "x"));
    HttpResponse<String> throttled = post("application/x-protobuf", body);
    assertEquals(429, throttled.statusCode());
    assertEquals("2", throttled.headers().firstValue("Retry-After").orElseThrow());
    HttpResponse<String> refused = post("application/x-protobuf", body);
    assertEquals(400, refused.statusCode());
    assertEquals("entry too far behind\n", refused.body());
    assertEquals(204, post("application/x-protobuf", body).statusCode());
    assertEquals(3, loki.requests());
  }

  @Test
  void selectorsAreReadAsGoStringLiterals() throws Exception {
    assertEquals(Map.of("a", "tab\there", "b", "ü😀"),
        LokiDouble.parseSelector("{ a = \"tab\\there\" , b=\"\\u00fc\\U0001F600\" }"));
    assertThrows(Exception.class, () -> LokiDouble.parseSelector("{a=\"open}"));
    assertThrows(Exception.class, () -> LokiDouble.parseSelector("{a=\"x\\q\"}"));
    assertThrows(Exception.class, () -> LokiDouble.parseSelector("{1a=\"x\"}"));
  }
}
