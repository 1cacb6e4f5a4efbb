package io.homeostat.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.homeostat.benchmarks.load.LoadMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScenariosTest {

  @TempDir
  Path dir;
  private Path jar;
  private Path configs;

  @BeforeEach
  void files() throws IOException {
    jar = Files.createFile(dir.resolve("homeostat.jar"));
    configs = Files.createDirectory(dir.resolve("config"));
    Files.writeString(configs.resolve("bench.yaml"), "");
    Files.writeString(configs.resolve("sink.yaml"), "");
  }

  private ScenarioRun.Options options(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--server-jar", jar.toString(), "--config-dir", configs.toString()));
    Scenarios scenarios = new Scenarios();
    new CommandLine(scenarios).parseArgs(all.toArray(String[]::new));
    return scenarios.options();
  }

  private String error(String... args) {
    return assertThrows(CommandLine.ParameterException.class, () -> options(args)).getMessage();
  }

  @Test
  void theDefaultsMeasureAMinuteAfterTenSecondsOverGrpcWithTheJvmsOwnOptions() {
    ScenarioRun.Options options = options("Trace10kSPS");
    assertEquals(Scenario.TRACE_10K_SPS, options.scenario());
    assertEquals(Duration.ofSeconds(60), options.duration());
    assertEquals(Duration.ofSeconds(60), options.warmup());
    assertEquals(ScenarioRun.TransportKind.GRPC, options.transport());
    assertEquals(List.of(), options.serverJvmOptions());
    assertEquals(configs.resolve("bench.yaml"), options.serverConfig());
    assertEquals(configs.resolve("sink.yaml"), options.sinkConfig());
  }

  @Test
  void anotherServerConfigIsTakenFromTheConfigDir() throws IOException {
    Files.writeString(configs.resolve("bench-disk.yaml"), "");
    assertEquals(configs.resolve("bench-disk.yaml"),
        options("MaxTraces", "--config", "bench-disk.yaml").serverConfig());
  }

  @Test
  void aMissingServerConfigIsRefused() {
    assertEquals(configs.resolve("bench-tape.yaml") + " does not exist; run from the "
        + "repository's root or pass --config-dir", error("MaxTraces", "--config", "bench-tape.yaml"));
  }

  @Test
  void optionsAreTakenAsWritten() {
    ScenarioRun.Options options = options("MaxTraces", "--duration", "2m", "--warmup", "0",
        "--transport", "http", "--server-jvm-opts", " -Xmx512m  -XX:+UseParallelGC ", "--in-flight", "8");
    assertEquals(Duration.ofMinutes(2), options.duration());
    assertEquals(Duration.ZERO, options.warmup());
    assertEquals(ScenarioRun.TransportKind.HTTP, options.transport());
    assertEquals(List.of("-Xmx512m", "-XX:+UseParallelGC"), options.serverJvmOptions());
    assertEquals(new LoadMode.FlatOut(8), options.scenario().mode(options.inFlight()));
  }

  @Test
  void anUnknownScenarioIsRefusedListingTheScenarios() {
    assertEquals("unknown scenario 'Trace1kSPS'; the scenarios are Trace10kSPS, Log10kDPS, "
        + "Metric10kDPS, MaxTraces", error("Trace1kSPS"));
  }

  @Test
  void anUnknownTransportIsRefused() {
    assertEquals("--transport must be grpc or http, was 'udp'", error("Log10kDPS", "--transport", "udp"));
  }

  @Test
  void aDurationWithoutAUnitIsRefused() {
    assertEquals("--duration: invalid duration '60': write a number with a unit (ns, us, ms, s, m, "
        + "h, d, w), such as 200ms, 5s or 1m30s", error("Log10kDPS", "--duration", "60"));
  }

  @Test
  void aZeroDurationIsRefused() {
    assertEquals("--duration must be positive, was '0s'", error("Log10kDPS", "--duration", "0s"));
  }

  @Test
  void aNegativeWarmupIsRefused() {
    assertEquals("--warmup must be zero or more, was '-1s'", error("Log10kDPS", "--warmup", "-1s"));
  }

  @Test
  void noRequestsInFlightIsRefused() {
    assertEquals("--in-flight must be at least 1, was 0", error("MaxTraces", "--in-flight", "0"));
  }

  @Test
  void aMissingServerJarSaysHowToBuildIt() throws IOException {
    Files.delete(jar);
    assertEquals("the server jar " + jar + " does not exist; build it with mvn -B -ntp -pl "
        + "benchmarks -am verify -DskipTests, from the repository's root", error("Metric10kDPS"));
  }

  @Test
  void aMissingConfigSaysWhereToRunFrom() throws IOException {
    Files.delete(configs.resolve("sink.yaml"));
    assertEquals(configs.resolve("sink.yaml") + " does not exist; run from the repository's root "
        + "or pass --config-dir", error("Metric10kDPS"));
  }

  @Test
  void fixedRateScenariosSendTenThousandItemsASecondWithAHundredRequestsInFlight() {
    assertEquals(new LoadMode.FixedRate(10_000, 100), Scenario.LOG_10K_DPS.mode(null));
    assertEquals(new LoadMode.FlatOut(32), Scenario.MAX_TRACES.mode(null));
  }

  @Test
  void deliveryCountsWhatWasLostAndWhatCameTwice() {
    assertEquals(new ScenarioResult.Delivery(1000, 1000, 900, 100, 0), ScenarioResult.Delivery.of(1000, 1000, 900));
    assertEquals(new ScenarioResult.Delivery(1000, 1000, 1100, 0, 100), ScenarioResult.Delivery.of(1000, 1000, 1100));
    // The server may have accepted a request whose answer the generator never saw.
    assertEquals(new ScenarioResult.Delivery(900, 1000, 1000, 0, 0), ScenarioResult.Delivery.of(900, 1000, 1000));
  }
}
