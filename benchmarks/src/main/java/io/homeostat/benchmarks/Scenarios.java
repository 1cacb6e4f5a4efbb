package io.homeostat.benchmarks;

import io.homeostat.core.config.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs one of the OpenTelemetry Collector testbed's scenarios against Homeostat and records what
 * the server under test costs. From the repository's root:
 *
 * <pre>
 * mvn -B -ntp -pl benchmarks -am verify -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.homeostat.benchmarks.Scenarios Trace10kSPS [--duration 60s] [--transport grpc|http] [--config bench-disk.yaml]
 * </pre>
 *
 * <p>Scenarios: {@code Trace10kSPS}, {@code Log10kDPS}, {@code Metric10kDPS} (10,000 items a
 * second in requests of 100: the server's CPU and memory) and {@code MaxTraces} (flat out: spans
 * a second and spans per server CPU-second). Two servers start from {@code server/target/homeostat.jar}:
 * the server under test with {@code benchmarks/config/bench.yaml} (or {@code --config}), exporting
 * over OTLP/gRPC to a
 * sink with {@code benchmarks/config/sink.yaml} that drops what it receives. The table goes to
 * standard output, the JSON to {@code benchmarks/results/}, the servers' logs to
 * {@code benchmarks/target/scenario-logs/}. The exit status is 1 when data was lost or a server
 * did not exit 0 after SIGTERM.
 */
@Command(name = "Scenarios", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs a Collector-testbed scenario against Homeostat and records the server's CPU and memory.")
public final class Scenarios implements Callable<Integer> {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO",
      description = "Trace10kSPS, Log10kDPS, Metric10kDPS or MaxTraces.")
  String scenario;

  @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s",
      description = "How long to measure, after the warm-up (default: ${DEFAULT-VALUE}).")
  String duration;

  @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "60s",
      description = "How long to send before measuring, so that the JIT compiler is done "
          + "(default: ${DEFAULT-VALUE}).")
  String warmup;

  @Option(names = "--transport", paramLabel = "grpc|http", defaultValue = "grpc",
      description = "OTLP/gRPC or OTLP/HTTP with protobuf bodies (default: ${DEFAULT-VALUE}).")
  String transport;

  @Option(names = "--server-jvm-opts", paramLabel = "OPTIONS",
      description = "JVM options of the server under test, space-separated, such as \"-Xmx512m\" "
          + "(default: those of --jvm-options, as bin/homeostat uses them).")
  String serverJvmOptions;

  @Option(names = "--jvm-options", paramLabel = "FILE", defaultValue = "conf/jvm.options",
      description = "The server's JVM options file, used when --server-jvm-opts is not given; "
          + "when it does not exist, the JVM's own defaults (default: ${DEFAULT-VALUE}).")
  Path jvmOptionsFile;

  @Option(names = "--in-flight", paramLabel = "N",
      description = "Requests under way at once (default: " + Scenario.FIXED_RATE_IN_FLIGHT
          + " at a fixed rate, " + Scenario.FLAT_OUT_IN_FLIGHT + " flat out).")
  Integer inFlight;

  @Option(names = "--server-jar", paramLabel = "FILE", defaultValue = "server/target/homeostat.jar",
      description = "The server's runnable jar (default: ${DEFAULT-VALUE}).")
  Path serverJar;

  @Option(names = "--config-dir", paramLabel = "DIR", defaultValue = "benchmarks/config",
      description = "Where the server's config and sink.yaml are (default: ${DEFAULT-VALUE}).")
  Path configDir;

  @Option(names = "--config", paramLabel = "FILE", defaultValue = "bench.yaml",
      description = "The config of the server under test, in --config-dir, such as "
          + "bench-disk.yaml for the disk queue (default: ${DEFAULT-VALUE}).")
  String config;

  @Option(names = "--results-dir", paramLabel = "DIR", defaultValue = "benchmarks/results",
      description = "Where the JSON goes (default: ${DEFAULT-VALUE}).")
  Path resultsDir;

  @Option(names = "--log-dir", paramLabel = "DIR", defaultValue = "benchmarks/target/scenario-logs",
      description = "Where the servers' logs go (default: ${DEFAULT-VALUE}).")
  Path logDir;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Scenarios()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ScenarioRun.Options options = options();
    Instant startedAt = Instant.now();
    String stamp = STAMP.format(startedAt.atZone(ZoneId.systemDefault()));
    ScenarioResult result = new ScenarioRun(options).run(startedAt, stamp);
    Path file = ResultReport.write(result, resultsDir, stamp);
    System.out.println();
    System.out.print(ResultReport.table(result));
    System.out.println("results: " + file);
    return result.clean() ? 0 : 1;
  }

  /** The command line checked; every error says what to write instead. */
  ScenarioRun.Options options() {
    Scenario chosen;
    try {
      chosen = Scenario.named(scenario);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    ScenarioRun.TransportKind kind = switch (transport) {
      case "grpc" -> ScenarioRun.TransportKind.GRPC;
      case "http" -> ScenarioRun.TransportKind.HTTP;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--transport must be grpc or http, was '" + transport + "'");
    };
    if (!Files.isRegularFile(serverJar)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "the server jar " + serverJar
          + " does not exist; build it with mvn -B -ntp -pl benchmarks -am verify -DskipTests, "
          + "from the repository's root");
    }
    for (String file : List.of(config, "sink.yaml")) {
      if (!Files.isRegularFile(configDir.resolve(file))) {
        throw new CommandLine.ParameterException(spec.commandLine(), configDir.resolve(file)
            + " does not exist; run from the repository's root or pass --config-dir");
      }
    }
    if (inFlight != null && inFlight < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--in-flight must be at least 1, was " + inFlight);
    }
    List<String> jvmOptions = serverJvmOptions != null ? split(serverJvmOptions) : fromFile(jvmOptionsFile);
    return new ScenarioRun.Options(chosen, duration("--warmup", warmup, true),
        duration("--duration", duration, false), kind, jvmOptions, inFlight, serverJar,
        configDir.resolve(config), configDir.resolve("sink.yaml"), logDir);
  }

  private static List<String> split(String options) {
    return options.isBlank() ? List.of() : Arrays.asList(options.strip().split("\\s+"));
  }

  /** The options of a jvm.options file: one per line, '#' comments and blank lines skipped. */
  private List<String> fromFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file).stream().map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    } catch (java.io.IOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + file + ": " + e);
    }
  }

  private Duration duration(String option, String text, boolean zeroAllowed) {
    Duration parsed;
    try {
      parsed = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
    if (parsed.isNegative() || (!zeroAllowed && parsed.isZero())) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + " must be "
          + (zeroAllowed ? "zero or more" : "positive") + ", was '" + text + "'");
    }
    return parsed;
  }
}
