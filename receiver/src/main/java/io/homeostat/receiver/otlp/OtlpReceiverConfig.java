package io.homeostat.receiver.otlp;

import io.homeostat.core.config.ByteSize;
import io.homeostat.core.config.Validatable;
import io.homeostat.core.net.Endpoint;
import io.homeostat.core.pipeline.Signal;

/**
 * The {@code otlp} receiver's config, with the OpenTelemetry Collector's keys. A protocol is served
 * only when its key is written ({@code protocols: { grpc: }} is enough to get its defaults), and at
 * least one must be.
 */
public record OtlpReceiverConfig(Protocols protocols) implements Validatable {

  /** What the YAML gets when it writes {@code otlp:} and nothing else: no protocol, an error. */
  static final OtlpReceiverConfig DEFAULT = new OtlpReceiverConfig(new Protocols(null, null));

  public OtlpReceiverConfig {
    protocols = protocols == null ? new Protocols(null, null) : protocols;
  }

  @Override
  public void validate(Violations violations) {
    if (protocols.grpc() == null && protocols.http() == null) {
      violations.add("protocols",
          "must specify at least one protocol (grpc, http) when using the otlp receiver");
    }
  }

  /** The listeners to open; null for one that is off. */
  public record Protocols(GrpcConfig grpc, HttpConfig http) {}

  /**
   * OTLP/gRPC.
   *
   * @param maxRecvMsgSizeMib the largest request gRPC takes, before decompression; larger ones get
   *     {@code RESOURCE_EXHAUSTED}
   * @param maxConcurrentStreams concurrent calls per client connection; 0 for no limit
   */
  public record GrpcConfig(Endpoint endpoint, int maxRecvMsgSizeMib, int maxConcurrentStreams)
      implements Validatable {

    /** The largest message size whose byte count fits the int gRPC takes. */
    static final int MAX_RECV_MSG_SIZE_MIB = Integer.MAX_VALUE >> 20;

    public static GrpcConfig defaults() {
      return new GrpcConfig(Endpoint.parse("0.0.0.0:4317"), 4, 0);
    }

    @Override
    public void validate(Violations violations) {
      if (maxRecvMsgSizeMib < 1 || maxRecvMsgSizeMib > MAX_RECV_MSG_SIZE_MIB) {
        violations.add("max_recv_msg_size_mib", "must be between 1 and " + MAX_RECV_MSG_SIZE_MIB
            + " (MiB), was " + maxRecvMsgSizeMib);
      }
      if (maxConcurrentStreams < 0) {
        violations.add("max_concurrent_streams",
            "must be 0 (no limit) or more, was " + maxConcurrentStreams);
      }
    }

    int maxRecvMsgSizeBytes() {
      return maxRecvMsgSizeMib << 20;
    }
  }

  /**
   * OTLP/HTTP.
   *
   * @param maxRequestBodySize the largest body taken, measured after decompression; larger ones
   *     get 413
   * @param tracesUrlPath where traces are posted; a missing leading {@code /} is added, as the
   *     Collector does
   */
  public record HttpConfig(Endpoint endpoint, ByteSize maxRequestBodySize, String tracesUrlPath,
      String metricsUrlPath, String logsUrlPath) implements Validatable {

    public HttpConfig {
      tracesUrlPath = withLeadingSlash(tracesUrlPath);
      metricsUrlPath = withLeadingSlash(metricsUrlPath);
      logsUrlPath = withLeadingSlash(logsUrlPath);
    }

    public static HttpConfig defaults() {
      return new HttpConfig(Endpoint.parse("0.0.0.0:4318"), ByteSize.ofMebibytes(20), "/v1/traces",
          "/v1/metrics", "/v1/logs");
    }

    @Override
    public void validate(Violations violations) {
      if (maxRequestBodySize.bytes() < 1 || maxRequestBodySize.bytes() > Integer.MAX_VALUE) {
        violations.add("max_request_body_size", "must be between 1B and " + Integer.MAX_VALUE
            + "B, was " + maxRequestBodySize + "; the default is 20MiB");
      }
      duplicate(violations, "metrics_url_path", metricsUrlPath, "traces_url_path", tracesUrlPath);
      duplicate(violations, "logs_url_path", logsUrlPath, "traces_url_path", tracesUrlPath);
      duplicate(violations, "logs_url_path", logsUrlPath, "metrics_url_path", metricsUrlPath);
    }

    /** The path {@code signal} is posted to. */
    public String path(Signal signal) {
      return switch (signal) {
        case TRACES -> tracesUrlPath;
        case METRICS -> metricsUrlPath;
        case LOGS -> logsUrlPath;
      };
    }

    private static void duplicate(Violations violations, String key, String path, String otherKey,
        String otherPath) {
      if (path.equals(otherPath)) {
        violations.add(key, "is '" + path + "', the same as " + otherKey
            + ": each signal needs a path of its own");
      }
    }

    private static String withLeadingSlash(String path) {
      return path == null || path.startsWith("/") ? path : "/" + path;
    }
  }
}
