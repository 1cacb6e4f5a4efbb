package io.homeostat.exporter.otlp;

/** The body format of OTLP/HTTP requests. */
public enum Encoding {
  /** Binary protobuf, {@code application/x-protobuf}: smaller and faster. */
  PROTO("application/x-protobuf"),
  /** OTLP/JSON, {@code application/json}: for backends or proxies that only read JSON. */
  JSON("application/json");

  private final String contentType;

  Encoding(String contentType) {
    this.contentType = contentType;
  }

  String contentType() {
    return contentType;
  }
}
