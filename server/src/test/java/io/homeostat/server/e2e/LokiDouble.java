package io.homeostat.server.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.homeostat.core.net.Endpoint;
import io.homeostat.core.net.HttpRequest;
import io.homeostat.core.net.HttpResponder;
import io.homeostat.core.net.HttpServer;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loki's push endpoint ({@code POST /loki/api/v1/push}) for tests, on core's {@link HttpServer},
 * reading a push as Loki does: JSON for {@code application/json}; for any other content type
 * snappy block format, then {@code logproto.PushRequest} read field by field with the numbers of
 * Loki's pkg/push/push.proto; a missing content type is a 400, as Loki's MIME parsing makes it.
 * Gzip and deflate bodies are inflated by the server first, as Loki does.
 *
 * <p>It answers as Loki does: 204 for a push it took, 400 with a text reason for a body it cannot
 * read or a stream Loki's default limits refuse (no labels, more than 15, a value over 2048
 * bytes, a name Loki's selector parser cannot read), 401 "no org id" when it requires a tenant
 * and gets no {@code X-Scope-OrgID}. A test can make it answer 429 (with {@code Retry-After}) or
 * 400 (with a Loki-like message) to the next pushes it reads. It applies no time limits (too old,
 * too new), so that tests need no clock of their own.
 *
 * <p>It shares no code with the exporter: a test double that reused the encoder would agree with
 * it whatever it wrote.
 */
final class LokiDouble implements AutoCloseable {

  /** One line as Loki stores it: nanoseconds since the epoch, the line, structured metadata. */
  record Entry(long nanos, String line, Map<String, String> metadata) {}

  /** One stream of a push: labels sorted by name, entries in the order they came. */
  record Stream(Map<String, String> labels, List<Entry> entries) {}

  /** A push Loki took: the tenant ({@code fake} without auth, as Loki names it) and its streams. */
  record Push(String tenant, String contentType, List<Stream> streams) {}

  static final String PATH = "/loki/api/v1/push";
  /** Loki's defaults (pkg/validation/limits.go). */
  private static final int MAX_LABEL_NAMES = 15;
  private static final int MAX_LABEL_VALUE_BYTES = 2048;
  private static final int MAX_LABEL_NAME_BYTES = 1024;
  private static final int MAX_TENANT_LENGTH = 150;
  private static final int MAX_BODY = 100 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Answer(int status, String retryAfter, String message) {}

  private final boolean requireTenant;
  private final BlockingQueue<Push> pushes = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final HttpServer server;

  /** @param requireTenant as Loki with {@code auth_enabled: true}, its default */
  LokiDouble(boolean requireTenant) throws IOException {
    this.requireTenant = requireTenant;
    this.server = HttpServer.start(new HttpServer.Options("loki double",
        Endpoint.parse("127.0.0.1:0"), MAX_BODY, true, 1), this::handle);
  }

  /** The base URL, such as {@code http://127.0.0.1:43567}. */
  String url() {
    return "http://127.0.0.1:" + server.address().getPort();
  }

  /** Answers the next {@code times} readable pushes 429 with {@code Retry-After}. */
  void answerTooManyRequests(int times, String retryAfter) {
    for (int i = 0; i < times; i++) {
      script.add(new Answer(429, retryAfter, "Ingestion rate limit exceeded for user fake "
          + "(limit: 4194304 bytes/sec) while attempting to ingest lines, reduce log volume or "
          + "contact your Loki administrator to see if the limit can be increased"));
    }
  }

  /** Answers the next {@code times} readable pushes 400 with {@code message}. */
  void answerBadRequest(int times, String message) {
    for (int i = 0; i < times; i++) {
      script.add(new Answer(400, null, message));
    }
  }

  /** The next push taken; fails after 10 seconds without one. */
  Push nextPush() throws InterruptedException {
    Push push = pushes.poll(10, TimeUnit.SECONDS);
    if (push == null) {
      throw new AssertionError("Loki took no push within 10s");
    }
    return push;
  }

  /** Every request that reached the push endpoint, whatever the answer. */
  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.close();
  }

  private void handle(HttpRequest request, HttpResponder responder) {
    if (!request.method().equals(HttpMethod.POST) || !request.path().equals(PATH)) {
      text(responder, HttpResponseStatus.NOT_FOUND, "404 page not found");
      return;
    }
    requests.incrementAndGet();
    String tenant = request.headers().get("X-Scope-OrgID");
    if (requireTenant && (tenant == null || tenant.isEmpty())) {
      text(responder, HttpResponseStatus.UNAUTHORIZED, "no org id");
      return;
    }
    if (requireTenant && !validTenant(tenant)) {
      text(responder, HttpResponseStatus.UNAUTHORIZED, "tenant ID '" + tenant
          + "' contains unsupported characters or is too long");
      return;
    }
    List<Stream> streams;
    try {
      streams = read(request.mediaType(), ByteBufUtil.getBytes(request.body()));
      for (Stream stream : streams) {
        validate(stream);
      }
    } catch (BadPush e) {
      text(responder, HttpResponseStatus.BAD_REQUEST, e.getMessage());
      return;
    }
    Answer scripted = script.poll();
    if (scripted != null) {
      if (scripted.retryAfter() != null) {
        responder.header("Retry-After", scripted.retryAfter());
      }
      text(responder, HttpResponseStatus.valueOf(scripted.status()), scripted.message());
      return;
    }
    pushes.add(new Push(requireTenant ? tenant : "fake", request.mediaType(), streams));
    responder.respond(HttpResponseStatus.NO_CONTENT, null, new byte[0]);
  }

  private static void text(HttpResponder responder, HttpResponseStatus status, String message) {
    responder.respond(status, "text/plain; charset=utf-8",
        (message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static boolean validTenant(String tenant) {
    return tenant.length() <= MAX_TENANT_LENGTH && !tenant.equals(".") && !tenant.equals("..")
        && tenant.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
            || c >= '0' && c <= '9' || "!-_.*'()".indexOf(c) >= 0);
  }

  /** A push Loki would refuse with 400; the message is Loki's reason. */
  private static final class BadPush extends Exception {
    BadPush(String message) {
      super(message, null, false, false);
    }
  }

  private static List<Stream> read(String mediaType, byte[] body) throws BadPush {
    if (mediaType.isEmpty()) {
      throw new BadPush("mime: no media type");
    }
    return mediaType.equals("application/json") ? readJson(body) : readProto(snappy(body));
  }

  // ---- protobuf: logproto.PushRequest, field by field ----

  private static byte[] snappy(byte[] body) throws BadPush {
    try {
      int length = SnappyDecompressor.getUncompressedLength(body, 0);
      if (length < 0 || length > MAX_BODY) {
        throw new BadPush("snappy: decoded block is too large");
      }
      byte[] out = new byte[length];
      int written = new SnappyDecompressor().decompress(body, 0, body.length, out, 0, length);
      if (written != length) {
        throw new BadPush("snappy: corrupt input");
      }
      return out;
    } catch (MalformedInputException | IndexOutOfBoundsException e) {
      throw new BadPush("snappy: corrupt input");
    }
  }

  private static List<Stream> readProto(byte[] body) throws BadPush {
    List<Stream> streams = new ArrayList<>();
    try {
      CodedInputStream push = CodedInputStream.newInstance(body);
      for (int tag; (tag = push.readTag()) != 0; ) {
        if (field(tag, 1, "PushRequest.streams", true)) {
          streams.add(readStream(push.readByteArray()));
        } else if (field(tag, 2, "PushRequest.format", true)) {
          push.readString();
        } else {
          push.skipField(tag);
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw new BadPush("proto: " + e.getMessage());
    } catch (IOException e) {
      throw new BadPush("proto: " + e);
    }
    return streams;
  }

  private static Stream readStream(byte[] bytes) throws IOException, BadPush {
    CodedInputStream stream = CodedInputStream.newInstance(bytes);
    String labels = "";
    List<Entry> entries = new ArrayList<>();
    for (int tag; (tag = stream.readTag()) != 0; ) {
      if (field(tag, 1, "StreamAdapter.labels", true)) {
        labels = stream.readStringRequireUtf8();
      } else if (field(tag, 2, "StreamAdapter.entries", true)) {
        entries.add(readEntry(stream.readByteArray()));
      } else if (field(tag, 3, "StreamAdapter.hash", false)) {
        stream.readUInt64();
      } else {
        stream.skipField(tag);
      }
    }
    return new Stream(parseSelector(labels), entries);
  }

  private static Entry readEntry(byte[] bytes) throws IOException, BadPush {
    CodedInputStream entry = CodedInputStream.newInstance(bytes);
    long nanos = 0;
    String line = "";
    Map<String, String> metadata = new LinkedHashMap<>();
    for (int tag; (tag = entry.readTag()) != 0; ) {
      if (field(tag, 1, "EntryAdapter.timestamp", true)) {
        nanos = readTimestamp(entry.readByteArray());
      } else if (field(tag, 2, "EntryAdapter.line", true)) {
        line = entry.readStringRequireUtf8();
      } else if (field(tag, 3, "EntryAdapter.structuredMetadata", true)) {
        readPair(entry.readByteArray(), metadata);
      } else if (field(tag, 4, "EntryAdapter.parsed", true)) {
        entry.readByteArray();
      } else {
        entry.skipField(tag);
      }
    }
    return new Entry(nanos, line, metadata);
  }

  private static long readTimestamp(byte[] bytes) throws IOException, BadPush {
    CodedInputStream timestamp = CodedInputStream.newInstance(bytes);
    long seconds = 0;
    int nanos = 0;
    for (int tag; (tag = timestamp.readTag()) != 0; ) {
      if (field(tag, 1, "Timestamp.seconds", false)) {
        seconds = timestamp.readInt64();
      } else if (field(tag, 2, "Timestamp.nanos", false)) {
        nanos = timestamp.readInt32();
      } else {
        timestamp.skipField(tag);
      }
    }
    if (nanos < 0 || nanos >= 1_000_000_000) {
      throw new BadPush("timestamp: nanos not in range [0, 1e9): " + nanos);
    }
    return seconds * 1_000_000_000L + nanos;
  }

  private static void readPair(byte[] bytes, Map<String, String> into) throws IOException,
      BadPush {
    CodedInputStream pair = CodedInputStream.newInstance(bytes);
    String name = "";
    String value = "";
    for (int tag; (tag = pair.readTag()) != 0; ) {
      if (field(tag, 1, "LabelPairAdapter.name", true)) {
        name = pair.readStringRequireUtf8();
      } else if (field(tag, 2, "LabelPairAdapter.value", true)) {
        value = pair.readStringRequireUtf8();
      } else {
        pair.skipField(tag);
      }
    }
    into.put(name, value);
  }

  /**
   * True when {@code tag} is field {@code number}; a wrong wire type for it fails the push, as
   * gogoproto's generated readers do.
   */
  private static boolean field(int tag, int number, String name, boolean lengthDelimited)
      throws BadPush {
    if (WireFormat.getTagFieldNumber(tag) != number) {
      return false;
    }
    int expected = lengthDelimited ? WireFormat.WIRETYPE_LENGTH_DELIMITED
        : WireFormat.WIRETYPE_VARINT;
    if (WireFormat.getTagWireType(tag) != expected) {
      throw new BadPush("proto: wrong wireType = " + WireFormat.getTagWireType(tag)
          + " for field " + name);
    }
    return true;
  }

  // ---- JSON: {"streams":[{"stream":{...},"values":[["ns","line",{...}]]}]} ----

  private static List<Stream> readJson(byte[] body) throws BadPush {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadPush("loghttp.PushRequest: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadPush("loghttp.PushRequest: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new BadPush("loghttp.PushRequest: expects an object");
    }
    List<Stream> streams = new ArrayList<>();
    JsonNode list = root.path("streams");
    if (list.isMissingNode() || list.isNull()) {
      return streams;
    }
    if (!list.isArray()) {
      throw new BadPush("loghttp.PushRequest.Streams: expects an array");
    }
    for (JsonNode stream : list) {
      Map<String, String> labels = new TreeMap<>(strings(stream.path("stream"), "stream"));
      labels.values().removeIf(String::isEmpty);
      List<Entry> entries = new ArrayList<>();
      for (JsonNode value : stream.path("values")) {
        entries.add(jsonEntry(value));
      }
      streams.add(new Stream(labels, entries));
    }
    return streams;
  }

  private static Entry jsonEntry(JsonNode value) throws BadPush {
    if (!value.isArray() || value.size() < 2 || value.size() > 3) {
      throw new BadPush("error reading entry: array must contain 2 or 3 values, found " + value);
    }
    if (!value.get(0).isTextual()) {
      throw new BadPush("ReadString: expects \" or n, but found " + value.get(0)
          + ": a timestamp must be a string of nanoseconds");
    }
    long nanos;
    try {
      nanos = Long.parseLong(value.get(0).asText());
    } catch (NumberFormatException e) {
      throw new BadPush("error reading entry timestamp: strconv.ParseInt: parsing \""
          + value.get(0).asText() + "\": invalid syntax");
    }
    if (!value.get(1).isTextual()) {
      throw new BadPush("ReadString: expects \" or n, but found " + value.get(1));
    }
    Map<String, String> metadata = value.size() == 3
        ? strings(value.get(2), "structured metadata") : new LinkedHashMap<>();
    return new Entry(nanos, value.get(1).asText(), metadata);
  }

  private static Map<String, String> strings(JsonNode object, String what) throws BadPush {
    if (!object.isObject()) {
      throw new BadPush(what + ": expects an object of strings, found " + object);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> i = object.fields(); i.hasNext(); ) {
      Map.Entry<String, JsonNode> field = i.next();
      if (!field.getValue().isTextual()) {
        throw new BadPush(what + ": the value of '" + field.getKey() + "' must be a string");
      }
      out.put(field.getKey(), field.getValue().asText());
    }
    return out;
  }

  // ---- label selectors and Loki's limits ----

  /**
   * Reads {@code {name="value", ...}} as Loki does (with PromQL's parser): names of
   * {@code [a-zA-Z_][a-zA-Z0-9_]*}, values Go string literals; labels with empty values are
   * dropped, as Loki's label builder drops them.
   */
  static Map<String, String> parseSelector(String selector) throws BadPush {
    Map<String, String> labels = new TreeMap<>();
    Selector in = new Selector(selector);
    in.skipSpaces();
    in.expect('{');
    in.skipSpaces();
    if (!in.peek('}')) {
      do {
        in.skipSpaces();
        String name = in.name();
        in.skipSpaces();
        in.expect('=');
        in.skipSpaces();
        String value = in.string();
        if (labels.containsKey(name)) {
          throw new BadPush("stream '" + selector + "' has duplicate label name: '" + name + "'");
        }
        if (!value.isEmpty()) {
          labels.put(name, value);
        }
        in.skipSpaces();
      } while (in.accept(','));
    }
    in.expect('}');
    in.skipSpaces();
    if (!in.atEnd()) {
      throw in.error("unexpected text after '}'");
    }
    return labels;
  }

  private static void validate(Stream stream) throws BadPush {
    Map<String, String> labels = stream.labels();
    if (labels.isEmpty()) {
      throw new BadPush("error at least one label pair is required per stream");
    }
    if (labels.size() > MAX_LABEL_NAMES) {
      throw new BadPush("stream '" + labels + "' has " + labels.size() + " label names; limit "
          + MAX_LABEL_NAMES);
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!label.getKey().matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
        throw new BadPush("error parsing labels '" + labels + "' with error: invalid label name '"
            + label.getKey() + "'");
      }
      if (label.getKey().getBytes(StandardCharsets.UTF_8).length > MAX_LABEL_NAME_BYTES) {
        throw new BadPush("stream '" + labels + "' has label name too long: '"
            + label.getKey() + "'");
      }
      if (label.getValue().getBytes(StandardCharsets.UTF_8).length > MAX_LABEL_VALUE_BYTES) {
        throw new BadPush("stream '" + labels + "' has label value too long: '"
            + label.getValue() + "'");
      }
    }
  }

  /** A cursor over a selector. */
  private static final class Selector {
    private final String text;
    private int at;

    Selector(String text) {
      this.text = text;
    }

    boolean atEnd() {
      return at >= text.length();
    }

    boolean peek(char c) {
      return !atEnd() && text.charAt(at) == c;
    }

    boolean accept(char c) {
      if (peek(c)) {
        at++;
        return true;
      }
      return false;
    }

    void expect(char c) throws BadPush {
      if (!accept(c)) {
        throw error("expected '" + c + "'");
      }
    }

    void skipSpaces() {
      while (!atEnd() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
    }

    String name() throws BadPush {
      int start = at;
      while (!atEnd() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')
          && text.charAt(at) < 0x80 && !(at == start && Character.isDigit(text.charAt(at)))) {
        at++;
      }
      if (at == start) {
        throw error("expected a label name");
      }
      return text.substring(start, at);
    }

    /** A double-quoted Go string literal, unescaped. */
    String string() throws BadPush {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        if (atEnd()) {
          throw error("unterminated quoted string");
        }
        char c = text.charAt(at++);
        if (c == '"') {
          return out.toString();
        }
        if (c == '\n') {
          throw error("unterminated quoted string");
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (atEnd()) {
          throw error("unterminated quoted string");
        }
        char e = text.charAt(at++);
        switch (e) {
          case '"', '\\' -> out.append(e);
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'a' -> out.append('\u0007');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'v' -> out.append('\u000b');
          case 'u' -> out.appendCodePoint(hex(4));
          case 'U' -> out.appendCodePoint(hex(8));
          default -> throw error("unknown escape sequence '\\" + e + "'");
        }
      }
    }

    private int hex(int digits) throws BadPush {
      if (at + digits > text.length()) {
        throw error("short escape sequence");
      }
      try {
        int value = Integer.parseUnsignedInt(text.substring(at, at + digits), 16);
        at += digits;
        return value;
      } catch (NumberFormatException e) {
        throw error("invalid escape sequence");
      }
    }

    BadPush error(String what) {
      return new BadPush("error parsing labels '" + text + "' with error: parse error at "
          + "position " + at + ": " + what);
    }
  }
}
