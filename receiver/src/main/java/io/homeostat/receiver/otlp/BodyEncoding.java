package io.homeostat.receiver.otlp;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Message;
import io.homeostat.core.otlp.OtlpJson;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.pipeline.Signal;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.util.Arrays;

/** The two bodies OTLP/HTTP takes; a reply is written in the encoding of its request. */
enum BodyEncoding {
  PROTOBUF("application/x-protobuf") {
    @Override
    Message decode(Signal signal, ByteBuf body) throws IOException {
      return OtlpRequests.parser(signal).parseFrom(input(body));
    }

    @Override
    byte[] encode(Message message) {
      return message.toByteArray();
    }
  },
  JSON("application/json") {
    @Override
    Message decode(Signal signal, ByteBuf body) throws IOException {
      return OtlpJson.decodeRequest(signal, new ByteBufInputStream(body));
    }

    @Override
    byte[] encode(Message message) {
      return OtlpJson.encode(message);
    }
  };

  /** The accepted media types, for messages that list them. */
  static final String ACCEPTED = "application/x-protobuf or application/json";

  private final String mediaType;

  BodyEncoding(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The encoding of a body of {@code mediaType} (lower case, no parameters), or null. */
  static BodyEncoding of(String mediaType) {
    for (BodyEncoding encoding : values()) {
      if (encoding.mediaType.equals(mediaType)) {
        return encoding;
      }
    }
    return null;
  }

  String mediaType() {
    return mediaType;
  }

  /**
   * Decodes an export request of {@code signal}; the message of the exception says what failed
   * (for JSON an {@link io.homeostat.core.otlp.OtlpJsonException} also says where).
   */
  abstract Message decode(Signal signal, ByteBuf body) throws IOException;

  abstract byte[] encode(Message message);

  /**
   * Reads the body where Netty holds it, without copying it first. Nothing aliases the buffer:
   * protobuf copies what it keeps, since the buffer is freed once the handler returns.
   */
  private static CodedInputStream input(ByteBuf body) {
    return body.nioBufferCount() == 1 ? CodedInputStream.newInstance(body.nioBuffer())
        : CodedInputStream.newInstance(Arrays.asList(body.nioBuffers()));
  }
}
