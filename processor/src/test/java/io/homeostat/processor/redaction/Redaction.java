package io.homeostat.processor.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.YamlConfigReader;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;

/** A redaction processor built from the YAML a user would write, and what it did. */
final class Redaction {

  private final RedactionConfig config;
  private final MetricRegistry metrics = new MetricRegistry();
  private final TextRedactor text;
  private final ValueRedactor values;

  private Redaction(RedactionConfig config) {
    this.config = config;
    Replacement replacement = new Replacement(config);
    SecretKeys keys = new SecretKeys(config.secretKey().allKeys());
    Tally tally = new Tally(metrics, "redaction", config.summary());
    this.text = new TextRedactor(config, keys, replacement, tally,
        new RateLimitedLog(LoggerFactory.getLogger(Redaction.class), Duration.ofSeconds(10)));
    this.values = new ValueRedactor(config, text, keys, replacement, tally);
  }

  /** The defaults. */
  static Redaction defaults() {
    return of("");
  }

  /** The config under {@code processors: redaction:}, indented as a mapping, which must be valid. */
  static Redaction of(String yaml) {
    ConfigProblems problems = new ConfigProblems();
    RedactionConfig config = bind(yaml, problems);
    assertEquals(List.of(), problems.all());
    return new Redaction(config);
  }

  /** Binds {@code yaml} (the keys of the processor's section) and reports into {@code problems}. */
  static RedactionConfig bind(String yaml, ConfigProblems problems) {
    String document = "redaction:\n" + yaml.lines().map(line -> "  " + line).reduce("", (a, b) -> a + b + "\n");
    ConfigNode.MapNode root = new YamlConfigReader(new EnvExpander(name -> null))
        .read("redaction.yaml", new StringReader(document), problems);
    return new ConfigBinder(problems).bind(root.get("redaction"), RedactionConfig.class,
        new RedactionProcessorFactory().createDefaultConfig());
  }

  /** One string through the text rules. */
  String redact(String value) {
    return text.redact(value);
  }

  /** One attribute list through the attribute rules. */
  List<KeyValue> attributes(List<KeyValue> attributes) {
    return values.attributes(attributes);
  }

  /** A request through a processor of this config for its signal; returns what it passed on. */
  Message process(Signal signal, Message request) {
    Processor processor = new RedactionProcessorFactory().create(
        new ComponentSettings(ComponentId.of("redaction"), metrics, Path.of(".")), signal, config);
    AtomicReference<Message> passed = new AtomicReference<>();
    processor.process(request, Ack.NONE, (message, ack) -> passed.set(message));
    return passed.get();
  }

  /** {@code homeostat_redaction_redactions_total} of {@code rule}, over everything this fixture ran. */
  long count(String rule) {
    return (long) metrics.value(Tally.METRIC, "processor", "redaction", "rule", rule);
  }
}
