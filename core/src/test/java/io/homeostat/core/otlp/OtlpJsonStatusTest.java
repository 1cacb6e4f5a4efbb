package io.homeostat.core.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** google.rpc.Status bodies of OTLP/HTTP errors, with their details packed in google.protobuf.Any. */
class OtlpJsonStatusTest {

  private static final Status STATUS = Status.newBuilder()
      .setCode(Code.UNAVAILABLE_VALUE)
      .setMessage("pipeline ring is full")
      .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(duration(1, 500_000_000)).build()))
      .addDetails(Any.pack(BadRequest.newBuilder()
          .addFieldViolations(BadRequest.FieldViolation.newBuilder()
              .setField("resourceSpans[0].scopeSpans[0].spans[3].traceId")
              .setDescription("expected 32 hex digits")
              .setReason("INVALID_ID"))
          .build()))
      .addDetails(Any.pack(ErrorInfo.newBuilder()
          .setReason("RING_FULL")
          .setDomain("homeostat.io")
          .putMetadata("signal", "traces")
          .putMetadata("capacity", "1024")
          .build()))
      .build();

  private static final String STATUS_JSON = "{\"code\":14,\"message\":\"pipeline ring is full\",\"details\":["
      + "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"1.500s\"},"
      + "{\"@type\":\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\":[{"
      + "\"field\":\"resourceSpans[0].scopeSpans[0].spans[3].traceId\",\"description\":\"expected 32 hex digits\","
      + "\"reason\":\"INVALID_ID\"}]},"
      + "{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"RING_FULL\",\"domain\":\"homeostat.io\","
      + "\"metadata\":{\"signal\":\"traces\",\"capacity\":\"1024\"}}]}";

  @Test
  void writesDetailsWithTheirTypeAndFieldsInline() {
    assertEquals(STATUS_JSON, json(STATUS));
  }

  @Test
  void readsWhatItWrites() throws IOException {
    assertEquals(STATUS, decode(STATUS_JSON, Status.getDefaultInstance()));
  }

  @Test
  void readsTypeAfterTheOtherMembers() throws IOException {
    String json = "{\"details\":[{\"retryDelay\":\"1.500s\",\"unknown\":[1,{}],"
        + "\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\"}],\"code\":14}";

    Status status = decode(json, Status.getDefaultInstance());

    assertEquals(RetryInfo.newBuilder().setRetryDelay(duration(1, 500_000_000)).build(),
        status.getDetails(0).unpack(RetryInfo.class));
    assertEquals(Code.UNAVAILABLE_VALUE, status.getCode());
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0, 0s",
    "3, 0, 3s",
    "1, 500000000, 1.500s",
    "0, 1000, 0.000001s",
    "0, 1, 0.000000001s",
    "-1, -500000000, -1.500s",
    "0, -1000000, -0.001s",
    "315576000000, 999999999, 315576000000.999999999s",
  })
  void writesAndReadsDurationsAsDecimalSeconds(long seconds, int nanos, String text) throws IOException {
    RetryInfo retry = RetryInfo.newBuilder().setRetryDelay(duration(seconds, nanos)).build();
    String json = "{\"retryDelay\":\"" + text + "\"}";

    assertEquals(json, json(retry));
    assertEquals(retry, decode(json, RetryInfo.getDefaultInstance()));
  }

  @ParameterizedTest
  @CsvSource({"1.5s, 1, 500000000", "-0.25s, 0, -250000000", "10.0s, 10, 0"})
  void readsDurationsWithAnyNumberOfFractionalDigits(String text, long seconds, int nanos) throws IOException {
    assertEquals(duration(seconds, nanos), decode("{\"retryDelay\":\"" + text + "\"}", RetryInfo.getDefaultInstance()).getRetryDelay());
  }

  @Test
  void packsWellKnownTypesUnderValue() throws IOException {
    Status status = Status.newBuilder()
        .addDetails(Any.pack(duration(0, 1000)))
        .addDetails(Any.pack(Timestamp.newBuilder().setSeconds(63_108_020).setNanos(21_000_000).build()))
        .build();
    String json = "{\"details\":[{\"@type\":\"type.googleapis.com/google.protobuf.Duration\",\"value\":\"0.000001s\"},"
        + "{\"@type\":\"type.googleapis.com/google.protobuf.Timestamp\",\"value\":\"1972-01-01T10:00:20.021Z\"}]}";

    assertEquals(json, json(status));
    assertEquals(status, decode(json, Status.getDefaultInstance()));
    assertEquals(status, decode(json.replace("10:00:20.021Z", "12:00:20.021+02:00"), Status.getDefaultInstance()));
  }

  @Test
  void writesAnEmptyAnyAsAnEmptyObject() throws IOException {
    Status status = Status.newBuilder().addDetails(Any.getDefaultInstance()).build();

    assertEquals("{\"details\":[{}]}", json(status));
    assertEquals(status, decode("{\"details\":[{}]}", Status.getDefaultInstance()));
  }

  @Test
  void refusesToWriteAnAnyOfAnUnknownType() {
    Status status = Status.newBuilder()
        .addDetails(Any.newBuilder().setTypeUrl("type.googleapis.com/acme.Secret").setValue(ByteString.copyFromUtf8("x")))
        .build();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OtlpJson.encode(status));
    assertEquals("cannot write a google.protobuf.Any holding \"type.googleapis.com/acme.Secret\" as JSON: "
        + "only google.rpc.Status and its error details are known", e.getMessage());
  }

  private static Duration duration(long seconds, int nanos) {
    return Duration.newBuilder().setSeconds(seconds).setNanos(nanos).build();
  }

  private static String json(Message message) {
    return new String(OtlpJson.encode(message), StandardCharsets.UTF_8);
  }

  private static <T extends Message> T decode(String json, T prototype) throws IOException {
    return OtlpJson.decode(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), prototype);
  }
}
