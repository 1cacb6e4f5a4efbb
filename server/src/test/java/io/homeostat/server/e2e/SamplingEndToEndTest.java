package io.homeostat.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.homeostat.receiver.otlp.SdkTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sampling and batch processors as users meet them: spans made by the OpenTelemetry Java SDK
 * and sent by its OTLP/gRPC exporter, and the {@code file} exporter showing which spans came out
 * and in how many requests. Each export is awaited, so that the test decides what every request
 * holds.
 */
class SamplingEndToEndTest {

  /** OpenTelemetry's rejection threshold for a ratio of 0.1: 2^56 - round(0.1 * 2^56). */
  private static final long THRESHOLD_10_PERCENT = 0xe6666666666666L;

  @TempDir
  Path dir;

  private RunningServer start(String processor, String id) throws Exception {
    return RunningServer.start(dir, "homeostat.yaml", """
        receivers:
          otlp: { protocols: { grpc: { endpoint: "127.0.0.1:0" } } }
        processors:
        %s
        exporters:
          file: { path: out.jsonl }
        service:
          admin: { endpoint: "127.0.0.1:0" }
          pipelines:
            traces: { receivers: [otlp], processors: [%s], exporters: [file] }
        """.formatted(processor.indent(2).stripTrailing(), id));
  }

  /** Sends each list of spans as one export request and waits for the server's answer. */
  private static void export(RunningServer server, List<List<SpanData>> requests) {
    OtlpGrpcSpanExporter exporter = exporter(server);
    for (List<SpanData> request : requests) {
      assertSuccess(exporter.export(request));
    }
    exporter.close();
  }

  private static OtlpGrpcSpanExporter exporter(RunningServer server) {
    return OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + server.grpcPort()).build();
  }

  private static void assertSuccess(CompletableResultCode result) {
    assertTrue(result.join(10, TimeUnit.SECONDS).isSuccess(), "the export failed");
  }

  private static List<List<SpanData>> chunks(List<SpanData> spans, int size) {
    List<List<SpanData>> chunks = new ArrayList<>();
    for (int from = 0; from < spans.size(); from += size) {
      chunks.add(spans.subList(from, Math.min(spans.size(), from + size)));
    }
    return chunks;
  }

  /** The spans the file exporter wrote, by trace id, in the order written. */
  private Map<String, List<String>> spansByTrace() throws Exception {
    return TelemetryFile.spans(dir.resolve("out.jsonl")).stream().collect(Collectors.groupingBy(
        span -> HexFormat.of().formatHex(span.getTraceId().toByteArray()),
        Collectors.mapping(io.opentelemetry.proto.trace.v1.Span::getName, Collectors.toList())));
  }

  private static boolean sampledAtTenPercent(String traceId) {
    return Long.parseLong(traceId.substring(18), 16) >= THRESHOLD_10_PERCENT;
  }

  @Test
  void aRatioOfOneTenthKeepsTheTracesTheConsistentRuleNamesWithAllTheirSpans() throws Exception {
    List<SpanData> spans = SdkTelemetry.record(tracer -> {
      for (int i = 0; i < 1000; i++) {
        Span root = tracer.spanBuilder("GET /checkout").startSpan();
        Context context = Context.root().with(root);
        tracer.spanBuilder("SELECT cart").setParent(context).startSpan().end();
        tracer.spanBuilder("POST /payments").setParent(context).startSpan().end();
        root.end();
      }
    });
    Set<String> expected = spans.stream().map(SpanData::getTraceId)
        .filter(SamplingEndToEndTest::sampledAtTenPercent).collect(Collectors.toCollection(TreeSet::new));
    // Binomial(1000, 0.1): standard deviation 9.5; 5 of them either side.
    assertTrue(Math.abs(expected.size() - 100) < 48, "the SDK's ids are not random: " + expected.size());
    try (RunningServer server = start("sampling: { ratio: 0.1 }", "sampling")) {
      // Requests of 100 spans: some traces are split across two of them.
      export(server, chunks(spans, 100));
      assertEquals(3 * expected.size(), server.metric("homeostat_processor_sampling_kept_spans_total",
          "processor", "sampling", "policy", "ratio"));
    }
    Map<String, List<String>> kept = spansByTrace();
    assertEquals(expected, new TreeSet<>(kept.keySet()));
    kept.forEach((trace, names) -> assertEquals(3, names.size(), "trace " + trace + " " + names));
  }

  @Test
  void keepErrorsKeepsEveryErrorTraceWholeWhenTheErrorComesFirst() throws Exception {
    Set<String> errorTraces = new TreeSet<>();
    List<List<SpanData>> requests = new ArrayList<>();
    List<SpanData> spans = SdkTelemetry.record(tracer -> {
      for (int i = 0; i < 200; i++) {
        Span root = tracer.spanBuilder("GET /checkout").startSpan();
        Span child = tracer.spanBuilder("POST /payments").setParent(Context.root().with(root)).startSpan();
        if (i % 10 == 0) {
          child.setStatus(StatusCode.ERROR, "card declined");
          errorTraces.add(root.getSpanContext().getTraceId());
        } else if (i % 10 == 5) {
          child.recordException(new IllegalStateException("timeout"));
          errorTraces.add(root.getSpanContext().getTraceId());
        }
        child.end();
        root.end();
      }
    });
    // Traces 0, 20, 40 ... (errors) in two requests: the error span in one, its root in the next.
    List<SpanData> current = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      current.add(spans.get(i));
      if (i % 40 == 0 || current.size() == 25) {
        requests.add(current);
        current = new ArrayList<>();
      }
    }
    requests.add(current);
    try (RunningServer server = start("sampling: { ratio: 0.1, keep_errors: true }", "sampling")) {
      export(server, requests);
    }
    Map<String, List<String>> kept = spansByTrace();
    for (String trace : errorTraces) {
      assertEquals(List.of("POST /payments", "GET /checkout"), kept.get(trace), "error trace " + trace);
    }
    kept.keySet().stream().filter(trace -> !errorTraces.contains(trace))
        .forEach(trace -> assertTrue(sampledAtTenPercent(trace), "kept without cause: " + trace));
  }

  @Test
  void tailModeAnswersAtOnceAndKeepsASlowTraceWholeAcrossRequests() throws Exception {
    long t0 = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    List<SpanData> spans = SdkTelemetry.record(tracer -> {
      Span slowRoot = tracer.spanBuilder("GET /report").setStartTimestamp(t0, TimeUnit.NANOSECONDS).startSpan();
      tracer.spanBuilder("SELECT everything").setParent(Context.root().with(slowRoot))
          .setStartTimestamp(t0, TimeUnit.NANOSECONDS).startSpan()
          .end(t0 + 1_900_000_000L, TimeUnit.NANOSECONDS);
      tracer.spanBuilder("GET /health").setStartTimestamp(t0, TimeUnit.NANOSECONDS).startSpan()
          .end(t0 + 1_000_000L, TimeUnit.NANOSECONDS);
      slowRoot.end(t0 + 2_000_000_000L, TimeUnit.NANOSECONDS);
    });
    String slow = spans.get(0).getTraceId();
    try (RunningServer server = start("""
        sampling:
          mode: tail
          ratio: 0
          decision_wait: 30s
          latency_threshold: 500ms
        """, "sampling")) {
      // Each answer comes well within the 30 s wait: held spans are acknowledged when taken.
      export(server, List.of(spans.subList(0, 2), spans.subList(2, 3)));
      assertEquals(3.0, server.metric("homeostat_processor_sampling_held_spans", "processor", "sampling"));
    }
    // Decided at shutdown: the slow trace whole, the fast one dropped.
    assertEquals(Map.of(slow, List.of("SELECT everything", "GET /report")), spansByTrace());
  }

  @Test
  void batchMergesManySmallRequestsIntoOneLineAndAnswersEachClient() throws Exception {
    List<SpanData> spans = SdkTelemetry.record(tracer -> {
      for (int i = 0; i < 50; i++) {
        tracer.spanBuilder("span-" + i).startSpan().end();
      }
    });
    try (RunningServer server = start("batch: { send_batch_size: 50, timeout: 30s }", "batch")) {
      // The SDK's exporter sends at most 5 requests at once, and the batch answers its clients
      // only when the batch leaves: ten exporters send the fifty requests together.
      List<OtlpGrpcSpanExporter> exporters = new ArrayList<>();
      List<CompletableResultCode> results = new ArrayList<>();
      for (int i = 0; i < spans.size(); i++) {
        if (i % 5 == 0) {
          exporters.add(exporter(server));
        }
        results.add(exporters.get(exporters.size() - 1).export(List.of(spans.get(i))));
      }
      results.forEach(SamplingEndToEndTest::assertSuccess);
      exporters.forEach(OtlpGrpcSpanExporter::close);
    }
    List<Message> lines = TelemetryFile.read(dir.resolve("out.jsonl"));
    assertEquals(1, lines.size());
    ExportTraceServiceRequest batch = (ExportTraceServiceRequest) lines.get(0);
    assertEquals(1, batch.getResourceSpansCount());
    assertEquals(50, batch.getResourceSpans(0).getScopeSpans(0).getSpansCount());
  }
}
