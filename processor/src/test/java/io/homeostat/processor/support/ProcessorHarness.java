package io.homeostat.processor.support;

import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ProcessorFactory;
import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.YamlConfigReader;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A processor built the way the server builds it, from the YAML of its config section (the value
 * of the top-level key {@code processor}), fed one request at a time on the test's thread.
 */
public final class ProcessorHarness {

  /** What came out of one request: what was passed on, and the client's answer once complete. */
  public record Result(List<Message> passed, Outcome outcome) {
    /** The one request passed on. */
    public Message single() {
      if (passed.size() != 1) {
        throw new AssertionError("expected one request passed on, got " + passed.size());
      }
      return passed.get(0);
    }
  }

  private final Processor processor;
  private final MetricRegistry metrics;
  private final ComponentId id;

  private ProcessorHarness(Processor processor, MetricRegistry metrics, ComponentId id) {
    this.processor = processor;
    this.metrics = metrics;
    this.id = id;
  }

  /** Binds {@code yaml} with {@code factory} (failing on any problem) and creates the processor for {@code signal}. */
  public static <C extends Record> ProcessorHarness create(ProcessorFactory<C> factory, Signal signal,
      String yaml) {
    MetricRegistry metrics = new MetricRegistry();
    C config = bind(factory, yaml);
    ComponentId id = ComponentId.parse(factory.type() + "/test");
    ComponentSettings settings = new ComponentSettings(id, metrics, Path.of("."));
    return new ProcessorHarness(factory.create(settings, signal, config), metrics, id);
  }

  public static <C extends Record> C bind(ProcessorFactory<C> factory, String yaml) {
    ConfigProblems problems = new ConfigProblems();
    C config = bind(factory, yaml, problems);
    if (problems.hasErrors()) {
      throw new AssertionError("config problems: " + problems.all());
    }
    return config;
  }

  /** Every problem of binding {@code yaml}, as {@code homeostat validate} prints them. */
  public static List<String> problems(ProcessorFactory<?> factory, String yaml) {
    ConfigProblems problems = new ConfigProblems();
    bind(factory, yaml, problems);
    return problems.all().stream().map(ConfigProblem::toString).toList();
  }

  private static <C extends Record> C bind(ProcessorFactory<C> factory, String yaml, ConfigProblems problems) {
    ConfigNode.MapNode root = new YamlConfigReader(new EnvExpander(name -> null))
        .read("p.yaml", new StringReader(yaml), problems);
    return new ConfigBinder(problems).bind(root.get("processor"), factory.configType(),
        factory.createDefaultConfig());
  }

  /** Runs one request through the processor. */
  public Result run(Message request) {
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    List<Message> passed = new ArrayList<>();
    processor.process(request, Ack.of(outcome::set), (message, ack) -> {
      passed.add(message);
      ack.accept();
    });
    return new Result(passed, outcome.get());
  }

  /** The value of one of the processor's self metrics (0 when it was never counted). */
  public double metric(String name) {
    double value = metrics.value(name, "processor", id.toString());
    return Double.isNaN(value) ? 0 : value;
  }
}
