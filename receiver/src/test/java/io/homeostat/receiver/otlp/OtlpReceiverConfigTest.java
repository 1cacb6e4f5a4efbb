package io.homeostat.receiver.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.config.ByteSize;
import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.YamlConfigReader;
import io.homeostat.core.net.Endpoint;
import io.homeostat.receiver.otlp.OtlpReceiverConfig.GrpcConfig;
import io.homeostat.receiver.otlp.OtlpReceiverConfig.HttpConfig;
import io.homeostat.receiver.otlp.OtlpReceiverConfig.Protocols;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OtlpReceiverConfigTest {

  private final ConfigProblems problems = new ConfigProblems();

  private OtlpReceiverConfig bind(String yaml) {
    ConfigNode.MapNode root = new YamlConfigReader(new EnvExpander(name -> null))
        .read("otlp.yaml", new StringReader(yaml), problems);
    ConfigNode otlp = ((ConfigNode.MapNode) root.get("receivers")).get("otlp");
    OtlpReceiverFactory factory = new OtlpReceiverFactory();
    return new ConfigBinder(problems).bind(otlp, factory.configType(),
        factory.createDefaultConfig());
  }

  private List<String> errors() {
    return problems.errors().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void aProtocolWrittenWithoutValuesTakesTheCollectorsDefaults() {
    OtlpReceiverConfig config = bind("""
        receivers:
          otlp:
            protocols:
              grpc:
              http:
        """);
    assertEquals(List.of(), errors());
    assertEquals(new GrpcConfig(Endpoint.parse("0.0.0.0:4317"), 4, 0), config.protocols().grpc());
    assertEquals(new HttpConfig(Endpoint.parse("0.0.0.0:4318"), ByteSize.ofMebibytes(20),
        "/v1/traces", "/v1/metrics", "/v1/logs"), config.protocols().http());
  }

  @Test
  void aProtocolNotWrittenIsOff() {
    OtlpReceiverConfig config = bind("""
        receivers:
          otlp:
            protocols:
              http: { endpoint: "127.0.0.1:14318" }
        """);
    assertEquals(List.of(), errors());
    assertEquals(new Protocols(null, new HttpConfig(Endpoint.parse("127.0.0.1:14318"),
        ByteSize.ofMebibytes(20), "/v1/traces", "/v1/metrics", "/v1/logs")), config.protocols());
  }

  @Test
  void everyKeyIsBound() {
    OtlpReceiverConfig config = bind("""
        receivers:
          otlp:
            protocols:
              grpc:
                endpoint: localhost:14317
                max_recv_msg_size_mib: 16
                max_concurrent_streams: 100
              http:
                endpoint: "[::1]:14318"
                max_request_body_size: 5MiB
                traces_url_path: /otlp/v1/traces
                metrics_url_path: otlp/v1/metrics
                logs_url_path: /otlp/v1/logs
        """);
    assertEquals(List.of(), errors());
    assertEquals(new GrpcConfig(new Endpoint("localhost", 14317), 16, 100),
        config.protocols().grpc());
    assertEquals(new HttpConfig(new Endpoint("::1", 14318), ByteSize.ofMebibytes(5),
        "/otlp/v1/traces", "/otlp/v1/metrics", "/otlp/v1/logs"), config.protocols().http());
  }

  static Stream<Arguments> invalidConfigs() {
    return Stream.of(
        Arguments.of("no protocols section", """
            receivers:
              otlp:
            """, List.of("otlp.yaml:2:8: receivers.otlp.protocols: must specify at least one"
                + " protocol (grpc, http) when using the otlp receiver")),
        Arguments.of("an empty protocols section", """
            receivers:
              otlp:
                protocols: {}
            """, List.of("otlp.yaml:3:16: receivers.otlp.protocols: must specify at least one"
                + " protocol (grpc, http) when using the otlp receiver")),
        Arguments.of("an endpoint without a port", """
            receivers:
              otlp:
                protocols:
                  grpc: { endpoint: localhost }
            """, List.of("otlp.yaml:4:25: receivers.otlp.protocols.grpc.endpoint: invalid endpoint"
                + " 'localhost': write host:port, such as 0.0.0.0:4317 or localhost:0")),
        Arguments.of("a misspelt key", """
            receivers:
              otlp:
                protocols:
                  grpc: { endpont: "localhost:4317" }
            """, List.of("otlp.yaml:4:15: receivers.otlp.protocols.grpc.endpont: unknown key"
                + " 'endpont'; did you mean 'endpoint'? (valid keys: endpoint,"
                + " max_recv_msg_size_mib, max_concurrent_streams)")),
        Arguments.of("a protocol we do not speak", """
            receivers:
              otlp:
                protocols:
                  thrift_http:
            """, List.of(
                "otlp.yaml:4:7: receivers.otlp.protocols.thrift_http: unknown key 'thrift_http'"
                    + " (valid keys: grpc, http)",
                "otlp.yaml:4:7: receivers.otlp.protocols: must specify at least one protocol"
                    + " (grpc, http) when using the otlp receiver")),
        Arguments.of("limits out of range", """
            receivers:
              otlp:
                protocols:
                  grpc:
                    max_recv_msg_size_mib: 0
                    max_concurrent_streams: -1
                  http:
                    max_request_body_size: 0
            """, List.of(
                "otlp.yaml:5:32: receivers.otlp.protocols.grpc.max_recv_msg_size_mib: must be"
                    + " between 1 and 2047 (MiB), was 0",
                "otlp.yaml:6:33: receivers.otlp.protocols.grpc.max_concurrent_streams: must be 0"
                    + " (no limit) or more, was -1",
                "otlp.yaml:8:32: receivers.otlp.protocols.http.max_request_body_size: must be"
                    + " between 1B and 2147483647B, was 0B; the default is 20MiB")),
        Arguments.of("a size that is not one", """
            receivers:
              otlp:
                protocols:
                  http: { max_request_body_size: lots }
            """, List.of("otlp.yaml:4:38: receivers.otlp.protocols.http.max_request_body_size:"
                + " invalid size 'lots': write a number of bytes, optionally with a unit (B, KB,"
                + " MB, GB, KiB, MiB, GiB), such as 20MiB")),
        Arguments.of("two signals on one path", """
            receivers:
              otlp:
                protocols:
                  http: { logs_url_path: /v1/traces }
            """, List.of("otlp.yaml:4:30: receivers.otlp.protocols.http.logs_url_path: is"
                + " '/v1/traces', the same as traces_url_path: each signal needs a path of its"
                + " own")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidConfigs")
  void invalidConfigsAreReportedWithTheirPathAndLine(String what, String yaml,
      List<String> expected) {
    bind(yaml);
    assertEquals(expected, errors());
  }
}
