package io.homeostat.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.net.Endpoint;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigBinderTest {

  enum Mode { FAST, SAFE }

  record Retry(boolean enabled, Duration initialInterval, Duration maxElapsedTime) {}

  record Exporter(Endpoint endpoint, Map<String, String> headers, Retry retryOnFailure,
      @ConfigKey("queue") int queueSize, Mode mode, List<String> tags, ByteSize maxBody)
      implements Validatable {
    static final Exporter DEFAULT = new Exporter(null, Map.of(),
        new Retry(true, Duration.ofSeconds(5), Duration.ofMinutes(5)), 1000, Mode.SAFE, List.of(),
        ByteSize.ofMebibytes(20));

    @Override
    public void validate(Violations violations) {
      if (endpoint == null) {
        violations.add("endpoint", "is required: the host:port of the backend");
      }
      if (queueSize <= 0) {
        violations.add("queue", "must be positive, was " + queueSize);
      }
    }
  }

  record Grpc(String endpoint, int maxRecvMsgSizeMib) {
    static Grpc defaults() {
      return new Grpc("0.0.0.0:4317", 4);
    }
  }

  record Protocols(Grpc grpc, Grpc http) {}

  private final ConfigProblems problems = new ConfigProblems();

  @Test
  void aSectionThatIsOffUnlessWrittenTakesItsOwnDefaultsWhenWritten() {
    ConfigNode.MapNode root = new YamlConfigReader(new EnvExpander(k -> null))
        .read("p.yaml", new StringReader("x:\n  grpc:\n"), problems);
    Protocols bound = new ConfigBinder(problems).bind(root.get("x"), Protocols.class, new Protocols(null, null));
    assertEquals(new Protocols(Grpc.defaults(), null), bound);
  }

  private Exporter bind(String yaml) {
    ConfigNode.MapNode root = new YamlConfigReader(new EnvExpander(Map.of("PORT", "4317")::get))
        .read("test.yaml", new StringReader(yaml), problems);
    return new ConfigBinder(problems).bind(root.get("x"), Exporter.class, Exporter.DEFAULT);
  }

  @Test
  void keysLeftOutKeepTheirDefaults() {
    Exporter bound = bind("""
        x:
          endpoint: tempo:${PORT}
          retry_on_failure:
            initial_interval: 200ms
          headers: { X-Scope-OrgID: tenant-1 }
          max_body: 4MiB
        """);
    assertEquals(List.of(), problems.all());
    assertEquals(new Endpoint("tempo", 4317), bound.endpoint());
    assertEquals(Map.of("X-Scope-OrgID", "tenant-1"), bound.headers());
    assertEquals(new Retry(true, Duration.ofMillis(200), Duration.ofMinutes(5)), bound.retryOnFailure());
    assertEquals(1000, bound.queueSize());
    assertEquals(Mode.SAFE, bound.mode());
    assertEquals(4L << 20, bound.maxBody().bytes());
  }

  @Test
  void everyProblemIsReportedWithItsLineAndPath() {
    bind("""
        x:
          endpont: tempo:4317
          queue: lots
          mode: fastest
          retry_on_failure:
            max_elapsed_time: 5 minutes
        """);
    List<String> messages = problems.errors().stream().map(ConfigProblem::toString).toList();
    assertEquals(List.of(
        "test.yaml:2:3: x.endpont: unknown key 'endpont'; did you mean 'endpoint'? (valid keys: "
            + "endpoint, headers, retry_on_failure, queue, mode, tags, max_body)",
        "test.yaml:2:3: x.endpoint: is required: the host:port of the backend",
        "test.yaml:3:10: x.queue: expected a whole number, found 'lots'",
        "test.yaml:4:9: x.mode: expected one of fast, safe, found 'fastest'",
        "test.yaml:6:23: x.retry_on_failure.max_elapsed_time: invalid duration '5 minutes': write "
            + "a number with a unit (ns, us, ms, s, m, h, d, w), such as 200ms, 5s or 1m30s"),
        messages);
  }

  @Test
  void anEmptySectionIsTheDefaultConfigAndIsStillValidated() {
    Exporter bound = bind("x:\n");
    assertEquals(Exporter.DEFAULT, bound);
    assertEquals("test.yaml:1:3: x.endpoint: is required: the host:port of the backend",
        problems.errors().get(0).toString());
  }

  @Test
  void wrongShapesAreErrors() {
    bind("""
        x:
          endpoint: a:1
          headers: [a, b]
          tags: single
          retry_on_failure: yes please
        """);
    List<String> messages = problems.errors().stream().map(ConfigProblem::message).toList();
    assertEquals(List.of("expected a mapping, found a list", "expected a list, found 'single'",
        "expected a mapping with keys enabled, initial_interval, max_elapsed_time, found 'yes please'"),
        messages);
  }

  @Test
  void aValidationOfAMissingKeyPointsAtItsParent() {
    bind("x:\n  queue: 0\n");
    assertTrue(problems.hasErrors());
    assertEquals("test.yaml:2:10: x.queue: must be positive, was 0", problems.errors().get(1).toString());
    assertFalse(problems.errors().get(0).toString().contains("queue"));
  }
}
