package io.homeostat.benchmarks.jmh;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.processor.redaction.RedactionProcessorFactory;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The {@code redaction} processor with its defaults, per span, on a request of {@value #SPANS}
 * server spans with 8 attributes each: {@code CLEAN} spans hold nothing to redact (the request is
 * passed on as it came, and should allocate nothing per span), {@code PII} spans carry an e-mail
 * address in the SQL statement, a bearer token in the authorization header, a password in the
 * URL and a card number in a note (every span is rebuilt).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RedactionBenchmark -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 *
 * <p>Not final: JMH generates subclasses of benchmark classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RedactionBenchmark {

  /** Spans per request, as the load generator sends them. */
  static final int SPANS = 100;

  public enum Traffic { CLEAN, PII }

  @Param({"CLEAN", "PII"})
  public Traffic traffic;

  private Processor processor;
  private ExportTraceServiceRequest request;

  @Setup
  public void build() {
    RedactionProcessorFactory factory = new RedactionProcessorFactory();
    processor = factory.create(new ComponentSettings(ComponentId.of("redaction"), new MetricRegistry(),
        Path.of(".")), Signal.TRACES, factory.createDefaultConfig());
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < SPANS; i++) {
      scope.addSpans(span(i, traffic == Traffic.PII));
    }
    request = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(text("service.name", "checkout"))
            .addAttributes(text("deployment.environment", "prod")))
        .addScopeSpans(scope)).build();
    Message[] passed = new Message[1];
    processor.process(request, Ack.NONE, (message, ack) -> passed[0] = message);
    if ((passed[0] == request) != (traffic == Traffic.CLEAN)) {
      throw new IllegalStateException(traffic + " spans were " + (passed[0] == request ? "not " : "")
          + "redacted: the benchmark measures something else than it says");
    }
  }

  @Benchmark
  @OperationsPerInvocation(SPANS)
  public void redactPerSpan(Blackhole blackhole) {
    processor.process(request, Ack.NONE, (message, ack) -> blackhole.consume(message));
  }

  private static Span span(int i, boolean pii) {
    String user = pii ? "user" + i + "@example.com" : "user-" + i;
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(8, i + 1).array()))
        .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(i + 1).array()))
        .setName("POST /api/v1/orders").setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setStartTimeUnixNano(1_795_256_100_000_000_000L + i).setEndTimeUnixNano(1_795_256_100_020_000_000L + i)
        .addAttributes(text("http.request.method", "POST"))
        .addAttributes(text("http.route", "/api/v1/orders"))
        .addAttributes(text("url.full", pii ? "https://shop.example.com/api/v1/orders?session=" + i + "&password=hunter" + i
            : "https://shop.example.com/api/v1/orders?session=" + i + "&expand=items"))
        .addAttributes(KeyValue.newBuilder().setKey("http.response.status_code")
            .setValue(AnyValue.newBuilder().setIntValue(201)))
        .addAttributes(text("http.request.header.authorization", pii ? "Bearer eyJhbGciOiJIUzI1NiJ9.e30." + i : ""))
        .addAttributes(text("db.statement", "SELECT id, total FROM orders WHERE customer = '" + user + "' LIMIT 50"))
        .addAttributes(text("app.payment.note", pii ? "charged 4111 1111 1111 1111 for order " + i
            : "charged card ending 1111 for order " + i))
        .addAttributes(text("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0"))
        .build();
  }

  private static KeyValue text(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
