package io.homeostat.exporter.loki;

/** The body of a push request, in one of the two forms Loki's push API reads. */
public enum PushEncoding {
  /** {@code logproto.PushRequest} in protobuf, snappy block compressed: Loki's native form. */
  PROTO("application/x-protobuf"),
  /** {@code {"streams":[...]}}: readable on the wire, larger and slower to parse. */
  JSON("application/json");

  private final String contentType;

  PushEncoding(String contentType) {
    this.contentType = contentType;
  }

  String contentType() {
    return contentType;
  }
}
