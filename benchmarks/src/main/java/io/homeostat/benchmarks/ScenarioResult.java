package io.homeostat.benchmarks;

import io.homeostat.benchmarks.load.LoadCounts;
import io.homeostat.benchmarks.process.ResourceUsage;
import java.util.List;
import java.util.Map;

/**
 * One scenario run as it lands in {@code benchmarks/results/<scenario>-<time>.json}.
 *
 * @param loadAverageAtStart the 1, 5 and 15 minute load averages before the servers started:
 *     other work on the machine shows here
 * @param targetItemsPerSecond null flat out
 * @param requestBytes average encoded size of one request
 * @param load what the generator did within the measurement window
 * @param loadTotal what the generator did over the whole run, warm-up and the requests still
 *     under way when the window closed included: retries show here as attempts beyond sent
 * @param itemsPerSecond items the server accepted per second within the window
 * @param itemsPerServerCpuSecond items accepted per CPU-second the server spent within the window
 * @param server the server under test within the window
 * @param sink the sink that the server exports to; it shares the machine
 * @param generator the JVM that ran the load generator; it shares the machine
 * @param serverConfig the server under test's pipeline YAML, as written (variables unexpanded)
 * @param callerEnvironment the {@code BENCH_*} variables of the caller's environment, which that
 *     YAML may read (such as {@code BENCH_FSYNC}): without them its variables cannot be expanded
 */
record ScenarioResult(
    String scenario,
    String startedAt,
    String transport,
    String signal,
    double warmupSeconds,
    double durationSeconds,
    Double targetItemsPerSecond,
    int itemsPerRequest,
    int maxInFlight,
    double requestBytes,
    Machine machine,
    String loadAverageAtStart,
    List<String> serverJvmOptions,
    List<String> sinkJvmOptions,
    List<String> generatorJvmOptions,
    LoadCounts load,
    LoadCounts loadTotal,
    String lastLoadProblem,
    double itemsPerSecond,
    double itemsPerServerCpuSecond,
    ResourceUsage server,
    ResourceUsage sink,
    ResourceUsage generator,
    Delivery delivery,
    int serverExitCode,
    int sinkExitCode,
    String serverConfig,
    Map<String, String> callerEnvironment) {

  /**
   * Whether what the server accepted reached the sink, counted over the whole run (warm-up and
   * the requests still under way when the window closed included).
   *
   * @param acceptedByGenerator items the generator was told were accepted
   * @param acceptedByServer the server under test's {@code homeostat_receiver_accepted_*_total}
   * @param delivered the sink's {@code homeostat_receiver_accepted_*_total} once the server under
   *     test had exited
   * @param lost accepted but not delivered
   * @param duplicated delivered more than once (an export retried after the sink had taken it)
   */
  record Delivery(long acceptedByGenerator, long acceptedByServer, long delivered, long lost,
      long duplicated) {

    static Delivery of(long acceptedByGenerator, long acceptedByServer, long delivered) {
      long accepted = Math.max(acceptedByGenerator, acceptedByServer);
      return new Delivery(acceptedByGenerator, acceptedByServer, delivered,
          Math.max(0, accepted - delivered), Math.max(0, delivered - accepted));
    }
  }

  /** True when nothing was lost and both servers exited 0 after SIGTERM. */
  boolean clean() {
    return delivery.lost() == 0 && serverExitCode == 0 && sinkExitCode == 0;
  }
}
