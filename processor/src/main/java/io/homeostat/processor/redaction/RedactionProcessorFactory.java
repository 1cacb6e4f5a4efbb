package io.homeostat.processor.redaction;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ProcessorFactory;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.RateLimitedLog;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * The {@code redaction} processor: no e-mail addresses, card numbers or secrets in telemetry. In
 * the spirit of the OpenTelemetry Collector's redaction processor, with built-in detectors.
 */
public final class RedactionProcessorFactory implements ProcessorFactory<RedactionConfig> {

  @Override
  public String type() {
    return "redaction";
  }

  @Override
  public RedactionConfig createDefaultConfig() {
    return RedactionConfig.DEFAULT;
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.allOf(Signal.class);
  }

  @Override
  public Processor create(ComponentSettings settings, Signal signal, RedactionConfig config) {
    Tally tally = new Tally(settings.metrics(), settings.id().toString(), config.summary());
    SecretKeys keys = new SecretKeys(config.secretKey().allKeys());
    Replacement replacement = new Replacement(config);
    TextRedactor text = new TextRedactor(config, keys, replacement, tally,
        new RateLimitedLog(LoggerFactory.getLogger(RedactionProcessor.class), Duration.ofSeconds(10)));
    return new RedactionProcessor(config,
        new ValueRedactor(config, text, keys, replacement, tally), tally);
  }
}
