package io.homeostat.benchmarks;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.homeostat.benchmarks.load.LoadCounts;
import io.homeostat.benchmarks.process.ResourceUsage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** A scenario's result as a table for people and as JSON for the record. */
final class ResultReport {

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .registerModule(new SimpleModule().addSerializer(Double.class, new TwoDecimals())
          .addSerializer(double.class, new TwoDecimals()));

  private ResultReport() {}

  /** Writes {@code result} to {@code <dir>/<scenario>-<stamp>.json} and returns the path. */
  static Path write(ScenarioResult result, Path dir, String stamp) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(result.scenario() + "-" + stamp + ".json");
    JSON.writeValue(file.toFile(), result);
    return file;
  }

  static String table(ScenarioResult result) {
    StringBuilder out = new StringBuilder();
    Machine machine = result.machine();
    out.append(String.format(Locale.ROOT, "%s over %s: %.0f s measured after %.0f s of warm-up%n",
        result.scenario(), result.transport(), result.durationSeconds(), result.warmupSeconds()));
    out.append(String.format(Locale.ROOT, "machine: %d x %s, %d MiB, load average at start %s%n",
        machine.nproc(), machine.cpuModel(), machine.memTotalMib(), result.loadAverageAtStart()));
    out.append(String.format(Locale.ROOT, "server JVM options: %s%n",
        result.serverJvmOptions().isEmpty() ? "(none: the JVM's defaults)" : String.join(" ", result.serverJvmOptions())));
    out.append(String.format(Locale.ROOT, "%n%-26s %12s %12s %12s%n", "", "server", "sink", "generator"));
    row(out, "CPU avg, % of one core", result, ResourceUsage::cpuAvgPercent);
    row(out, "CPU max (1 s), %", result, ResourceUsage::cpuMaxPercent);
    row(out, "CPU seconds", result, ResourceUsage::cpuSeconds);
    row(out, "RSS avg, MiB", result, ResourceUsage::rssAvgMib);
    row(out, "RSS max, MiB", result, ResourceUsage::rssMaxMib);
    LoadCounts load = result.load();
    String items = result.signal().equals("traces") ? "spans" : result.signal().equals("logs") ? "log records" : "data points";
    out.append(String.format(Locale.ROOT, "%n%s/s accepted: %.0f%s%n", items, result.itemsPerSecond(),
        result.targetItemsPerSecond() == null ? " (flat out, " + result.maxInFlight() + " requests in flight)"
            : String.format(Locale.ROOT, " (target %.0f)", result.targetItemsPerSecond())));
    out.append(String.format(Locale.ROOT, "%s per server CPU-second: %.0f%n", items, result.itemsPerServerCpuSecond()));
    out.append(String.format(Locale.ROOT,
        "requests in the window: sent %d, attempts %d, accepted %d, refused %d, failed %d (%d items rejected)%n",
        load.sent(), load.attempts(), load.accepted(), load.refused(), load.failed(), load.rejectedItems()));
    LoadCounts total = result.loadTotal();
    out.append(String.format(Locale.ROOT,
        "requests in the whole run: sent %d, attempts %d, accepted %d, refused %d, failed %d%n",
        total.sent(), total.attempts(), total.accepted(), total.refused(), total.failed()));
    if (result.lastLoadProblem() != null) {
      out.append("last request given up: ").append(result.lastLoadProblem()).append('\n');
    }
    ScenarioResult.Delivery delivery = result.delivery();
    out.append(String.format(Locale.ROOT,
        "whole run: generator accepted %d %s, server accepted %d, sink received %d: %s%n",
        delivery.acceptedByGenerator(), items, delivery.acceptedByServer(), delivery.delivered(),
        delivery.lost() == 0 ? "none lost" + (delivery.duplicated() > 0 ? ", " + delivery.duplicated() + " duplicated" : "")
            : delivery.lost() + " LOST"));
    out.append(String.format(Locale.ROOT, "exit status after SIGTERM: server %d, sink %d%n",
        result.serverExitCode(), result.sinkExitCode()));
    return out.toString();
  }

  private static void row(StringBuilder out, String label, ScenarioResult result,
      ToDoubleFunction<ResourceUsage> value) {
    out.append(String.format(Locale.ROOT, "%-26s %12.1f %12.1f %12.1f%n", label,
        value.applyAsDouble(result.server()), value.applyAsDouble(result.sink()),
        value.applyAsDouble(result.generator())));
  }

  /** Two decimals are more than a run's noise allows; more only makes the files harder to read. */
  private static final class TwoDecimals extends StdSerializer<Double> {
    TwoDecimals() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator generator, SerializerProvider provider) throws IOException {
      if (value.isNaN() || value.isInfinite()) {
        generator.writeNull();
      } else {
        generator.writeNumber(BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP));
      }
    }
  }
}
