package io.homeostat.exporter.otlp;

/** How request bodies are compressed on the wire; OTLP servers must accept both. */
public enum Compression {
  GZIP,
  NONE
}
