package io.homeostat.benchmarks;

import io.homeostat.benchmarks.load.GrpcTransport;
import io.homeostat.benchmarks.load.HttpTransport;
import io.homeostat.benchmarks.load.LoadCounts;
import io.homeostat.benchmarks.load.LoadGenerator;
import io.homeostat.benchmarks.load.LoadMode;
import io.homeostat.benchmarks.load.PayloadPool;
import io.homeostat.benchmarks.load.Payloads;
import io.homeostat.benchmarks.load.Transport;
import io.homeostat.benchmarks.process.ProcessStats;
import io.homeostat.benchmarks.process.ResourceUsage;
import io.homeostat.core.pipeline.Signal;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One scenario from start to end: a sink and the server under test started from the server jar
 * on free ports, load for a warm-up and then for the measured window while the processes are
 * sampled, then the load stopped, delivery to the sink checked, and both servers stopped with
 * SIGTERM.
 */
final class ScenarioRun {

  /** How long a server may take to listen after its JVM starts. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  /** How long requests under way (retries waiting included) may take to end after the window. */
  private static final Duration LOAD_DRAIN = Duration.ofSeconds(30);
  /** How long the server under test may take to hand what it accepted to the sink. */
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);
  /** How long a server may take to exit after SIGTERM: more than its own drain deadline. */
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration DELIVERY_POLL = Duration.ofMillis(200);

  /** What a run is told by the command line. */
  record Options(Scenario scenario, Duration warmup, Duration duration, TransportKind transport,
      List<String> serverJvmOptions, Integer inFlight, Path serverJar, Path serverConfig,
      Path sinkConfig, Path logDir) {}

  enum TransportKind { GRPC, HTTP }

  private final Options options;

  ScenarioRun(Options options) {
    this.options = options;
  }

  ScenarioResult run(Instant startedAt, String stamp) throws IOException, InterruptedException {
    String loadAverage = Machine.loadAverage();
    Machine machine = Machine.describe(ServerProcess.javaBinary());
    Ports ports = Ports.free();
    String name = options.scenario().testbedName() + "-" + stamp;
    try (ServerProcess sink = ServerProcess.start("sink", options.serverJar(),
        options.sinkConfig(), List.of(),
        Map.of("BENCH_GRPC_PORT", Integer.toString(ports.sinkGrpc()),
            "BENCH_ADMIN_PORT", Integer.toString(ports.sinkAdmin())),
        ports.sinkAdmin(), options.logDir().resolve(name + "-sink.log"))) {
      sink.awaitReady(READY_TIMEOUT);
      try (ServerProcess server = ServerProcess.start("server under test", options.serverJar(),
          options.serverConfig(), options.serverJvmOptions(),
          Map.of("BENCH_GRPC_PORT", Integer.toString(ports.serverGrpc()),
              "BENCH_HTTP_PORT", Integer.toString(ports.serverHttp()),
              "BENCH_ADMIN_PORT", Integer.toString(ports.serverAdmin()),
              "BENCH_SINK_PORT", Integer.toString(ports.sinkGrpc()),
              // An empty disk queue and data directory for each run: a queue left by an earlier
              // run would be sent too, and its homeostasis state would be restored.
              "BENCH_QUEUE_DIR", options.logDir().resolve(name + "-queue").toAbsolutePath()
                  .toString(),
              "BENCH_DATA_DIR", options.logDir().resolve(name + "-data").toAbsolutePath()
                  .toString()),
          ports.serverAdmin(), options.logDir().resolve(name + "-server.log"))) {
        server.awaitReady(READY_TIMEOUT);
        System.out.printf("%s: server under test pid %d (log %s), sink pid %d (log %s)%n",
            options.scenario().testbedName(), server.pid(), server.log(), sink.pid(), sink.log());
        return loadAndStop(server, sink, ports, startedAt, machine, loadAverage);
      }
    }
  }

  private ScenarioResult loadAndStop(ServerProcess server, ServerProcess sink, Ports ports,
      Instant startedAt, Machine machine, String loadAverage) throws IOException, InterruptedException {
    Scenario scenario = options.scenario();
    Signal signal = scenario.signal();
    String acceptedMetric = "homeostat_receiver_accepted_" + signal.itemName() + "_total";
    PayloadPool pool = Payloads.pool(signal);
    LoadMode mode = scenario.mode(options.inFlight());
    long ticks = ProcessStats.clockTicksPerSecond();
    Window window;
    LoadCounts total;
    String lastProblem;
    try (Transport transport = transport(signal, ports);
        ProcessStats serverStats = new ProcessStats(server.pid(), ticks);
        ProcessStats sinkStats = new ProcessStats(sink.pid(), ticks);
        ProcessStats generatorStats = new ProcessStats(ProcessHandle.current().pid(), ticks)) {
      LoadGenerator generator = new LoadGenerator(transport, pool, mode);
      generator.start();
      System.out.printf("%s: warming up for %d s%n", scenario.testbedName(), options.warmup().toSeconds());
      Thread.sleep(options.warmup().toMillis());
      window = measure(generator, List.of(server, sink), serverStats, sinkStats, generatorStats);
      if (!generator.stop(LOAD_DRAIN)) {
        System.out.printf("%s: %d requests were still under way %d s after the window%n",
            scenario.testbedName(), generator.counts().pending(), LOAD_DRAIN.toSeconds());
      }
      total = generator.counts();
      lastProblem = generator.lastProblem();
    }

    server.requireRunning();
    sink.requireRunning();
    awaitDelivery(sink.admin(), acceptedMetric, total.acceptedItems());
    long acceptedByServer = (long) server.admin().metric(acceptedMetric);
    int serverExit = server.stop(EXIT_TIMEOUT);
    long delivered = (long) sink.admin().metric(acceptedMetric);
    int sinkExit = sink.stop(EXIT_TIMEOUT);

    LoadCounts load = window.load();
    double serverCpu = window.server().cpuSeconds();
    return new ScenarioResult(scenario.testbedName(), startedAt.toString(),
        options.transport().name().toLowerCase(Locale.ROOT), signal.configName(),
        options.warmup().toMillis() / 1e3, window.seconds(), scenario.targetItemsPerSecond(),
        pool.itemsPerRequest(), mode.maxInFlight(), pool.averageBodyBytes(), machine, loadAverage,
        options.serverJvmOptions(), List.of(), ManagementFactory.getRuntimeMXBean().getInputArguments(),
        load, total, lastProblem, load.acceptedItems() / window.seconds(),
        serverCpu > 0 ? load.acceptedItems() / serverCpu : 0,
        window.server(), window.sink(), window.generator(),
        ScenarioResult.Delivery.of(total.acceptedItems(), acceptedByServer, delivered),
        serverExit, sinkExit, Files.readString(options.serverConfig()), benchVariables());
  }

  private static Map<String, String> benchVariables() {
    return new TreeMap<>(System.getenv().entrySet().stream()
        .filter(variable -> variable.getKey().startsWith("BENCH_"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  private record Window(LoadCounts load, double seconds, ResourceUsage server, ResourceUsage sink,
      ResourceUsage generator) {}

  private Window measure(LoadGenerator generator, List<ServerProcess> servers,
      ProcessStats serverStats, ProcessStats sinkStats, ProcessStats generatorStats)
      throws IOException, InterruptedException {
    System.out.printf("%s: measuring for %d s%n", options.scenario().testbedName(), options.duration().toSeconds());
    LoadCounts before = generator.counts();
    long start = System.nanoTime();
    serverStats.mark();
    sinkStats.mark();
    generatorStats.mark();
    Thread.sleep(options.duration().toMillis());
    LoadCounts after = generator.counts();
    for (ServerProcess server : servers) {
      server.requireRunning();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Window(after.minus(before), seconds, serverStats.usage(), sinkStats.usage(),
        generatorStats.usage());
  }

  /**
   * Waits until the sink has taken {@code expected} items or {@link #DELIVERY_TIMEOUT} passed; the
   * caller compares the counts either way. Polls: the count lives in another process.
   */
  private static void awaitDelivery(AdminClient sink, String metric, long expected)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
    while (sink.metric(metric) < expected && System.nanoTime() - deadline < 0) {
      Thread.sleep(DELIVERY_POLL.toMillis());
    }
  }

  private Transport transport(Signal signal, Ports ports) {
    return switch (options.transport()) {
      case GRPC -> new GrpcTransport(signal, "127.0.0.1", ports.serverGrpc());
      case HTTP -> new HttpTransport(signal, "127.0.0.1", ports.serverHttp());
    };
  }

  /** Where the two servers listen: ports that were free a moment before they start. */
  private record Ports(int sinkGrpc, int sinkAdmin, int serverGrpc, int serverHttp, int serverAdmin) {

    /** Five distinct free ports, held open together so that they differ. */
    static Ports free() throws IOException {
      List<ServerSocket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < 5; i++) {
          sockets.add(new ServerSocket(0));
        }
        return new Ports(sockets.get(0).getLocalPort(), sockets.get(1).getLocalPort(),
            sockets.get(2).getLocalPort(), sockets.get(3).getLocalPort(), sockets.get(4).getLocalPort());
      } finally {
        for (ServerSocket socket : sockets) {
          socket.close();
        }
      }
    }
  }
}
