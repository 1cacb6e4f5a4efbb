package io.homeostat.core.component;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The component factories on the class path, by kind and type. */
public final class ComponentRegistry {

  private final Map<String, ReceiverFactory<?>> receivers;
  private final Map<String, ProcessorFactory<?>> processors;
  private final Map<String, ExporterFactory<?>> exporters;

  private ComponentRegistry(Map<String, ReceiverFactory<?>> receivers,
      Map<String, ProcessorFactory<?>> processors, Map<String, ExporterFactory<?>> exporters) {
    this.receivers = receivers;
    this.processors = processors;
    this.exporters = exporters;
  }

  /** Finds every factory registered in {@code META-INF/services}. */
  public static ComponentRegistry load() {
    return new ComponentRegistry(load(ReceiverFactory.class), load(ProcessorFactory.class),
        load(ExporterFactory.class));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <F extends ComponentFactory<?>> Map<String, F> load(Class<? super F> service) {
    Map<String, F> byType = new TreeMap<>();
    for (Object factory : ServiceLoader.load((Class) service)) {
      F typed = (F) factory;
      F previous = byType.putIfAbsent(typed.type(), typed);
      if (previous != null) {
        throw new IllegalStateException("two " + service.getSimpleName() + "s for type '"
            + typed.type() + "': " + previous.getClass().getName() + " and "
            + typed.getClass().getName());
      }
    }
    return Map.copyOf(byType);
  }

  /** Returns the factory of {@code type} among components of {@code kind}. */
  public Optional<? extends ComponentFactory<?>> factory(ComponentKind kind, String type) {
    return Optional.ofNullable(factories(kind).get(type));
  }

  /** The types known for {@code kind}, sorted, for messages that list them. */
  public Iterable<String> types(ComponentKind kind) {
    return new TreeMap<>(factories(kind)).keySet();
  }

  private Map<String, ? extends ComponentFactory<?>> factories(ComponentKind kind) {
    return switch (kind) {
      case RECEIVER -> receivers;
      case PROCESSOR -> processors;
      case EXPORTER -> exporters;
    };
  }
}
