package io.homeostat.processor.redaction;

import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.processor.support.ProcessorHarness;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * The text and attribute rules of a redaction processor built from the YAML a user would write,
 * for tests that look at one string or one attribute list at a time.
 */
final class Redaction {

  static final RedactionProcessorFactory FACTORY = new RedactionProcessorFactory();

  private final MetricRegistry metrics = new MetricRegistry();
  private final TextRedactor text;
  private final ValueRedactor values;

  private Redaction(RedactionConfig config) {
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

  /** The config whose keys are {@code keys} (YAML), which must be valid. */
  static Redaction of(String keys) {
    return new Redaction(ProcessorHarness.bind(FACTORY, yaml(keys)));
  }

  /** The processor's section with {@code keys} under it, as {@link ProcessorHarness} reads it. */
  static String yaml(String keys) {
    return "processor:\n" + keys.lines().map(line -> "  " + line + "\n").collect(Collectors.joining());
  }

  /** A processor of the config whose keys are {@code keys}, for {@code signal}. */
  static ProcessorHarness processor(Signal signal, String keys) {
    return ProcessorHarness.create(FACTORY, signal, yaml(keys));
  }

  /** One string through the text rules. */
  String redact(String value) {
    return text.redact(value);
  }

  /** One attribute list through the attribute rules. */
  List<KeyValue> attributes(List<KeyValue> attributes) {
    return values.attributes(attributes);
  }

  /** {@code homeostat_redaction_redactions_total} of {@code rule}, over everything this fixture ran. */
  long count(String rule) {
    return (long) metrics.value(Tally.METRIC, "processor", "redaction", "rule", rule);
  }
}
