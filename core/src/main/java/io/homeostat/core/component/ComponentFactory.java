package io.homeostat.core.component;

import io.homeostat.core.pipeline.Signal;
import java.util.Set;

/**
 * Builds components of one type. Implementations are found with {@link java.util.ServiceLoader}
 * through the sub-interfaces' service files.
 *
 * @param <C> the component's config: a record, bound from YAML onto {@link #createDefaultConfig()};
 *     it may implement {@link io.homeostat.core.config.Validatable}
 */
public interface ComponentFactory<C extends Record> {

  /** The type this factory builds, as written in config ids. */
  String type();

  /** The config used when the YAML leaves a key out. */
  C createDefaultConfig();

  /** The signals a component of this type can handle. */
  Set<Signal> supportedSignals();

  /** The config record's class, for binding. */
  @SuppressWarnings("unchecked")
  default Class<C> configType() {
    return (Class<C>) createDefaultConfig().getClass();
  }

  /** True when components of this type handle {@code signal}. */
  default boolean supports(Signal signal) {
    return supportedSignals().contains(signal);
  }
}
