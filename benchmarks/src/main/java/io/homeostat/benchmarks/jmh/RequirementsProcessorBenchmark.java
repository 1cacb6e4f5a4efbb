package io.homeostat.benchmarks.jmh;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.homeostat.benchmarks.load.PayloadPool;
import io.homeostat.benchmarks.load.Payloads;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.SharedState;
import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.YamlConfigReader;
import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.otlp.Rewrites;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.processor.requirements.RequirementsConfig;
import io.homeostat.processor.requirements.RequirementsProcessorFactory;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.StringReader;
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

/**
 * The requirements processor of a traces pipeline, per span, on the load generator's requests
 * (100 spans in traces of ten: a server span and its children):
 *
 * <ul>
 *   <li>{@code TAGGED}: every span carries a valid key, as instrumented code sends them. The
 *       request passes as it is; {@code gc.alloc.rate.norm} should be about 0 B per span.
 *   <li>{@code RULE}: no span carries a key; rules on {@code code.function} (as
 *       {@code homeostat scan} writes them) give each its key, and the request is rewritten.
 *   <li>{@code INHERITANCE}: only the server spans carry a key; their children take it from the
 *       trace, within the request.
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RequirementsProcessorBenchmark -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 *
 * <p>Not final: JMH generates subclasses of benchmark classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RequirementsProcessorBenchmark {

  /** Which keys the spans carry. */
  public enum Keys { TAGGED, RULE, INHERITANCE }

  /** A rule per operation of the load generator, matching the code.function its spans carry. */
  private static final String RULES = """
      rules:
        - { req: REQ-F-AUTH-001, match: { attributes: [{ key: code.function, value: Auth.login }] } }
        - { req: REQ-F-CART-002, match: { attributes: [{ key: code.function, value: Cart.get }] } }
        - { req: REQ-F-PAY-003, match: { attributes: [{ key: code.function, value: Payments.charge }] } }
        - { req: REQ-F-SEARCH-004, match: { attributes: [{ key: code.function, value: Search.query }] } }
        - { req: REQ-NFR-PERF-001, match: { attributes: [{ key: code.function, value: Orders.list }] } }
      """;

  @Param
  public Keys keys;

  private Processor processor;
  private Message[] requests;
  private int next;
  private Message passed;
  private final Downstream pipeline = (request, ack) -> {
    passed = request;
    ack.accept();
  };

  @Setup
  public void setUp() throws InvalidProtocolBufferException {
    PayloadPool pool = Payloads.pool(Signal.TRACES);
    requests = new Message[Payloads.POOL_SIZE];
    for (int i = 0; i < requests.length; i++) {
      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(pool.body(i));
      requests[i] = switch (keys) {
        case TAGGED -> request;
        case RULE -> Rewrites.spans(request, (resource, scope, span) -> span.toBuilder()
            .clearAttributes().addAllAttributes(KeyValues.remove(span.getAttributesList(), "req")).build());
        case INHERITANCE -> Rewrites.spans(request, (resource, scope, span) -> span.getParentSpanId().isEmpty()
            ? span : span.toBuilder().clearAttributes()
                .addAllAttributes(KeyValues.remove(span.getAttributesList(), "req")).build());
      };
    }
    RequirementsProcessorFactory factory = new RequirementsProcessorFactory();
    processor = factory.create(new ComponentSettings(ComponentId.of("requirements"),
        new MetricRegistry(), Path.of("."), new SharedState()), Signal.TRACES,
        config(factory, keys == Keys.RULE ? RULES : ""));
  }

  private static RequirementsConfig config(RequirementsProcessorFactory factory, String yaml) {
    ConfigProblems problems = new ConfigProblems();
    ConfigNode.MapNode root = new YamlConfigReader(new EnvExpander(name -> null))
        .read("benchmark.yaml", new StringReader("requirements:\n" + yaml.indent(2)), problems);
    RequirementsConfig config = new ConfigBinder(problems)
        .bind(root.get("requirements"), RequirementsConfig.class, factory.createDefaultConfig());
    problems.throwIfErrors();
    return config;
  }

  @Benchmark
  @OperationsPerInvocation(Payloads.ITEMS_PER_REQUEST)
  public Message perSpan() {
    Message request = requests[next];
    next = next + 1 == requests.length ? 0 : next + 1;
    processor.process(request, Ack.NONE, pipeline);
    return passed;
  }
}
