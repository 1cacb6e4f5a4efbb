package io.homeostat.core.component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The component factories on the class path, by kind and type. */
public final class ComponentRegistry {

  private final Map<String, ReceiverFactory<?>> receivers;
  private final Map<String, ProcessorFactory<?>> processors;
  private final Map<String, ExporterFactory<?>> exporters;
  private final Map<String, ConnectorFactory<?>> connectors;

  private ComponentRegistry(Map<String, ReceiverFactory<?>> receivers,
      Map<String, ProcessorFactory<?>> processors, Map<String, ExporterFactory<?>> exporters,
      Map<String, ConnectorFactory<?>> connectors) {
    this.receivers = receivers;
    this.processors = processors;
    this.exporters = exporters;
    this.connectors = connectors;
  }

  /** Finds every factory registered in {@code META-INF/services}. */
  public static ComponentRegistry load() {
    List<ComponentFactory<?>> factories = new ArrayList<>();
    for (Class<?> service : List.of(ReceiverFactory.class, ProcessorFactory.class,
        ExporterFactory.class, ConnectorFactory.class)) {
      ServiceLoader.load(service).forEach(f -> factories.add((ComponentFactory<?>) f));
    }
    return of(factories);
  }

  /** A registry of exactly {@code factories}, for embedding and tests. */
  public static ComponentRegistry of(Collection<? extends ComponentFactory<?>> factories) {
    return new ComponentRegistry(byType(factories, ReceiverFactory.class),
        byType(factories, ProcessorFactory.class), byType(factories, ExporterFactory.class),
        byType(factories, ConnectorFactory.class));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <F extends ComponentFactory<?>> Map<String, F> byType(
      Collection<? extends ComponentFactory<?>> factories, Class kind) {
    Map<String, F> byType = new TreeMap<>();
    for (ComponentFactory<?> factory : factories) {
      if (!kind.isInstance(factory)) {
        continue;
      }
      Object previous = byType.putIfAbsent(factory.type(), (F) factory);
      if (previous != null) {
        throw new IllegalStateException("two " + kind.getSimpleName() + "s for type '"
            + factory.type() + "': " + previous.getClass().getName() + " and "
            + factory.getClass().getName());
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
      case CONNECTOR -> connectors;
    };
  }
}
