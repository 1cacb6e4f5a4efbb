package io.homeostat.receiver.otlp;

/** How a request reached the receiver; the {@code transport} label of its self metrics. */
enum Transport {
  GRPC("grpc"),
  HTTP("http");

  private final String label;

  Transport(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
