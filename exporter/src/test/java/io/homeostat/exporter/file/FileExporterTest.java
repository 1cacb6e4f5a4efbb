package io.homeostat.exporter.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.otlp.OtlpJson;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.testing.Await;
import io.homeostat.exporter.ConfigFixture;
import io.homeostat.exporter.TestRequests;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileExporterTest {

  private static final FileExporterFactory FACTORY = new FileExporterFactory();

  @TempDir
  Path dir;
  private final MetricRegistry registry = new MetricRegistry();
  private Exporter exporter;

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(10)));
    }
  }

  private Exporter start(String yaml) throws Exception {
    exporter = FACTORY.create(new ComponentSettings(ComponentId.of("file"), registry, dir),
        EnumSet.allOf(Signal.class), ConfigFixture.bind(FACTORY, yaml));
    exporter.start();
    return exporter;
  }

  private void shutdown() {
    exporter.shutdown(Deadline.in(Duration.ofSeconds(10)));
  }

  /** Decodes one line by the signal its top-level key names. */
  private static Message decodeLine(String line) throws IOException {
    Signal signal = line.startsWith("{\"resourceSpans\"") ? Signal.TRACES
        : line.startsWith("{\"resourceMetrics\"") ? Signal.METRICS : Signal.LOGS;
    return OtlpJson.decodeRequest(signal,
        new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void writesOneOtlpJsonRequestPerLineThatDecodesToTheExactRequests() throws Exception {
    start("file:\n  path: data/telemetry.jsonl\n");
    exporter.offer(Signal.TRACES, TestRequests.spans(3));
    exporter.offer(Signal.METRICS, TestRequests.metricPoints(2));
    exporter.offer(Signal.LOGS, TestRequests.logRecords(4));
    shutdown();

    List<Message> decoded = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("data/telemetry.jsonl"))) {
      decoded.add(decodeLine(line));
    }
    assertEquals(List.of(TestRequests.spans(3), TestRequests.metricPoints(2),
        TestRequests.logRecords(4)), decoded);
    assertEquals(3.0, registry.value("homeostat_exporter_sent_spans_total", "exporter", "file"));
    assertEquals(4.0,
        registry.value("homeostat_exporter_sent_log_records_total", "exporter", "file"));
  }

  @Test
  void protoFormatWritesEachRequestAfterItsBigEndianLength() throws Exception {
    start("file:\n  path: telemetry.binpb\n  format: proto\n");
    exporter.offer(Signal.TRACES, TestRequests.spans(1));
    exporter.offer(Signal.TRACES, TestRequests.spans(5));
    shutdown();

    List<Message> decoded = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve(
        "telemetry.binpb")))) {
      while (true) {
        int length;
        try {
          length = in.readInt();
        } catch (EOFException end) {
          break;
        }
        decoded.add(ExportTraceServiceRequest.parseFrom(in.readNBytes(length)));
      }
    }
    assertEquals(List.of(TestRequests.spans(1), TestRequests.spans(5)), decoded);
  }

  @Test
  void rotatesBySizeAndKeepsMaxBackupsOfWholeLines() throws Exception {
    ExportTraceServiceRequest large = TestRequests.spans(1000);
    int lineBytes = OtlpJson.encode(large).length + 1;
    int requests = 4 * (1 << 20) / lineBytes + 1;
    start("file:\n  path: telemetry.jsonl\n  rotation: { max_megabytes: 1, max_backups: 2 }\n");
    for (int i = 0; i < requests; i++) {
      assertTrue(exporter.offer(Signal.TRACES, large));
    }
    shutdown();

    List<Path> files;
    try (Stream<Path> entries = Files.list(dir)) {
      files = entries.sorted().toList();
    }
    assertEquals(3, files.size(), files.toString());
    assertTrue(files.get(0).getFileName().toString().matches(
        "telemetry-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d\\.\\d{3}\\.jsonl"), files.toString());
    assertEquals(dir.resolve("telemetry.jsonl"), files.get(2));
    int lines = 0;
    for (Path file : files) {
      assertTrue(Files.size(file) <= 1 << 20, file + " has " + Files.size(file) + " bytes");
      for (String line : Files.readAllLines(file)) {
        assertEquals(large, decodeLine(line));
        lines++;
      }
    }
    assertTrue(lines < requests, "the oldest backups were deleted");
  }

  @Test
  void theFlushIntervalPushesLinesToTheFileWhileRunning() throws Exception {
    start("file:\n  path: telemetry.jsonl\n  flush_interval: 10ms\n");
    exporter.offer(Signal.LOGS, TestRequests.logRecords(1));
    Path file = dir.resolve("telemetry.jsonl");
    Await.until("a line in the file", () -> {
      try {
        return Files.readString(file).endsWith("\n");
      } catch (IOException e) {
        return false;
      }
    });
    assertEquals(TestRequests.logRecords(1), decodeLine(Files.readAllLines(file).get(0)));
  }

  @Test
  void aPathThatCannotBeOpenedStopsTheStartAndSaysWhatToCheck() throws Exception {
    Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
    exporter = FACTORY.create(new ComponentSettings(ComponentId.of("file"), registry, dir),
        EnumSet.allOf(Signal.class), ConfigFixture.bind(FACTORY,
            "file:\n  path: blocker/telemetry.jsonl\n"));
    IOException e = assertThrows(IOException.class, exporter::start);
    assertTrue(e.getMessage().startsWith("exporter file cannot open '"
        + dir.resolve("blocker/telemetry.jsonl") + "' for appending: "), e.getMessage());
    assertTrue(e.getMessage().endsWith(" (check the path and the permissions of its directory)"),
        e.getMessage());
    exporter = null;
  }

  @Test
  void theConfigKeepsTheCollectorDefaults() {
    FileConfig config = ConfigFixture.bind(FACTORY, "file:\n  path: data/telemetry.jsonl\n");
    assertEquals(new FileConfig("data/telemetry.jsonl", FileConfig.Format.JSON,
        new FileConfig.Rotation(100, 100), Duration.ofSeconds(1)), config);
  }

  @Test
  void thePathIsRequired() {
    assertEquals(List.of("test.yaml:2:3: file.path: is required: the file to write, such as "
        + "data/telemetry.jsonl (relative paths start at the config file's directory)"),
        ConfigFixture.errors(FACTORY, "file:\n  format: json\n"));
  }

  @Test
  void aNegativeFlushIntervalIsRefused() {
    assertEquals(List.of("test.yaml:3:19: file.flush_interval: must be positive, was -1s: how "
        + "often written data reaches the file, such as 1s"),
        ConfigFixture.errors(FACTORY, "file:\n  path: t.jsonl\n  flush_interval: -1s\n"));
  }

  @Test
  void anUnknownFormatIsRefused() {
    assertEquals(List.of("test.yaml:3:11: file.format: expected one of json, proto, found 'csv'"),
        ConfigFixture.errors(FACTORY, "file:\n  path: t.jsonl\n  format: csv\n"));
  }

  @Test
  void rotationLimitsMustBeSensible() {
    assertEquals(List.of("test.yaml:3:30: file.rotation.max_megabytes: must be at least 1, was 0: "
        + "the size in MiB at which the file is rotated, such as 100",
        "test.yaml:3:46: file.rotation.max_backups: must not be negative, was -1: how many "
        + "rotated files to keep (0 keeps all), such as 100"),
        ConfigFixture.errors(FACTORY,
            "file:\n  path: t.jsonl\n  rotation: { max_megabytes: 0, max_backups: -1 }\n"));
  }
}
