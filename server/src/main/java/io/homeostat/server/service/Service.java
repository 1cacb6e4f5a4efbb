package io.homeostat.server.service;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.component.Lifecycle;
import io.homeostat.core.component.SharedState;
import io.homeostat.homeostasis.Homeostasis;
import io.homeostat.homeostasis.model.HomeostasisStage;
import io.homeostat.core.pipeline.Connector;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Receiver;
import io.homeostat.core.pipeline.RequestConsumer;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.server.config.ComponentSpec;
import io.homeostat.server.config.LoadedConfig;
import io.homeostat.server.config.PipelineSpec;
import io.homeostat.server.pipeline.Ring;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running pipelines of one config: components created from their factories, wired on the
 * ring, started exporters first and receivers last (so data always has somewhere to go), and
 * stopped in the reverse order, draining what was accepted.
 */
public final class Service {

  private static final Logger log = LoggerFactory.getLogger(Service.class);
  /** How long clients are asked to wait before resending a refused request. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  /** What {@code /readyz} reports. */
  public enum State { STARTING, READY, STOPPING, STOPPED }

  private final Map<ComponentId, Exporter> exporters;
  private final Map<ComponentId, Connector> connectors;
  private final Homeostasis homeostasis;
  private final List<Processor> processors;
  private final Ring ring;
  private final Map<ComponentId, Receiver> receivers;
  private final List<Lifecycle> started = new ArrayList<>();
  private volatile State state = State.STARTING;

  private Service(Map<ComponentId, Exporter> exporters, Map<ComponentId, Connector> connectors,
      Homeostasis homeostasis, List<Processor> processors, Ring ring,
      Map<ComponentId, Receiver> receivers) {
    this.exporters = exporters;
    this.connectors = connectors;
    this.homeostasis = homeostasis;
    this.processors = processors;
    this.ring = ring;
    this.receivers = receivers;
  }

  /** Creates every component of {@code config}; nothing listens or sends until {@link #start}. */
  public static Service create(LoadedConfig config, MetricRegistry metrics) {
    SharedState shared = new SharedState();
    Ring ring = new Ring(config.service().ringSize(), RETRY_AFTER, metrics);
    Map<ComponentId, Exporter> exporters = new LinkedHashMap<>();
    config.exporters().forEach((id, spec) -> exporters.put(id,
        Components.exporter(spec, settings(spec, config, metrics, shared), signalsOf(id, config))));
    Map<ComponentId, Connector> connectors = new LinkedHashMap<>();
    config.connectors().forEach((id, spec) -> connectors.put(id, Components.connector(spec,
        settings(spec, config, metrics, shared), signalsOf(id, config), entries(id, config, ring))));

    // The homeostasis processors of every pipeline find the one runtime in the shared state.
    Homeostasis homeostasis = config.homeostasis() == null ? null : Homeostasis.create(
        config.homeostasis(), config.alerting(), config.feedback(),
        new ComponentSettings(ComponentId.of("homeostasis"), metrics, config.configDir(), shared),
        config.dataDir().resolve("homeostasis"), Clock.systemUTC());
    if (homeostasis != null) {
      shared.get(HomeostasisStage.KEY, HomeostasisStage.class, () -> homeostasis);
    }
    List<Processor> processors = new ArrayList<>();
    for (PipelineSpec pipeline : config.pipelines()) {
      List<Processor> stages = new ArrayList<>();
      for (ComponentId id : pipeline.processors()) {
        ComponentSpec spec = config.processors().get(id);
        stages.add(Components.processor(spec, settings(spec, config, metrics, shared), pipeline.signal()));
      }
      Map<String, Exporter> fanOut = new LinkedHashMap<>();
      pipeline.exporters().forEach(id -> fanOut.put(id.toString(),
          exporters.containsKey(id) ? exporters.get(id) : connectors.get(id)));
      ring.addPipeline(pipeline.id().toString(), pipeline.signal(), stages, fanOut);
      processors.addAll(stages);
    }

    Map<ComponentId, Receiver> receivers = new LinkedHashMap<>();
    config.receivers().forEach((id, spec) -> receivers.put(id, Components.receiver(spec,
        settings(spec, config, metrics, shared), entries(id, config, ring))));
    return new Service(exporters, connectors, homeostasis, processors, ring, receivers);
  }

  /**
   * Creates every component of {@code config} and drops them, as {@code validate} does: throws
   * what {@link #create} would (a {@link io.homeostat.core.config.ConfigException} for a catalog
   * with errors). Nothing is started, so nothing listens, runs or locks.
   */
  public static void check(LoadedConfig config) {
    create(config, new MetricRegistry());
  }

  /** The ring entries of a receiver or connector: per signal, the pipelines that receive from it. */
  private static Map<Signal, RequestConsumer> entries(ComponentId id, LoadedConfig config, Ring ring) {
    Map<Signal, RequestConsumer> consumers = new EnumMap<>(Signal.class);
    for (Signal signal : Signal.values()) {
      List<String> pipelines = config.pipelines().stream()
          .filter(p -> p.signal() == signal && p.receivers().contains(id))
          .map(p -> p.id().toString()).toList();
      if (!pipelines.isEmpty()) {
        consumers.put(signal, ring.entry(id.toString(), pipelines));
      }
    }
    return consumers;
  }

  private static ComponentSettings settings(ComponentSpec spec, LoadedConfig config,
      MetricRegistry metrics, SharedState shared) {
    return new ComponentSettings(spec.id(), metrics, config.configDir(), shared);
  }

  private static Set<Signal> signalsOf(ComponentId exporter, LoadedConfig config) {
    Set<Signal> signals = EnumSet.noneOf(Signal.class);
    config.pipelines().stream().filter(p -> p.exporters().contains(exporter))
        .forEach(p -> signals.add(p.signal()));
    return signals;
  }

  /**
   * Starts exporters, connectors, processors, the ring, then receivers. If any fails, what already
   * started is stopped and the failure is thrown.
   */
  public void start() throws Exception {
    try {
      for (Exporter exporter : exporters.values()) {
        start(exporter);
      }
      for (Connector connector : connectors.values()) {
        start(connector);
      }
      if (homeostasis != null) {
        start(homeostasis);
      }
      for (Processor processor : processors) {
        start(processor);
      }
      ring.start();
      for (Receiver receiver : receivers.values()) {
        start(receiver);
      }
      state = State.READY;
    } catch (Exception e) {
      stopStarted(Deadline.in(Duration.ofSeconds(5)));
      state = State.STOPPED;
      throw e;
    }
  }

  private void start(Lifecycle component) throws Exception {
    component.start();
    started.add(component);
  }

  /**
   * Stops receivers; once the ring has handled what they accepted, lets connectors hand on what
   * they made of it; then drains the ring, lets processors flush, and gives exporters until
   * {@code deadline} to deliver what they hold.
   */
  public void shutdown(Deadline deadline) {
    state = State.STOPPING;
    stopAll(Receiver.class, deadline);
    if (!connectors.isEmpty()) {
      ring.awaitQuiet(deadline);
      stopAll(Connector.class, deadline);
    }
    long abandoned = ring.drain(deadline);
    if (abandoned > 0) {
      log.atWarn().addKeyValue("requests", abandoned)
          .log("shutdown timeout reached before the pipeline handled every accepted request; "
              + "they are lost (raise service.shutdown_timeout)");
    }
    stopStarted(deadline);
    state = State.STOPPED;
  }

  /** Stops the started components of one kind, in reverse order, and forgets them. */
  private void stopAll(Class<? extends Lifecycle> kind, Deadline deadline) {
    List<Lifecycle> ofKind = started.stream().filter(kind::isInstance).toList();
    for (Lifecycle component : reversed(ofKind)) {
      stop(component, deadline);
    }
    started.removeAll(ofKind);
  }

  /** Stops what started, in reverse order. */
  private void stopStarted(Deadline deadline) {
    for (Lifecycle component : reversed(started)) {
      stop(component, deadline);
    }
    started.clear();
  }

  private static void stop(Lifecycle component, Deadline deadline) {
    try {
      component.shutdown(deadline);
    } catch (RuntimeException e) {
      log.atWarn().setCause(e).addKeyValue("component", component.getClass().getSimpleName())
          .log("a component failed while stopping; going on with the others");
    }
  }

  private static <T> List<T> reversed(java.util.Collection<T> items) {
    List<T> list = new ArrayList<>(items);
    java.util.Collections.reverse(list);
    return list;
  }

  public State state() {
    return state;
  }

  /** The homeostasis runtime, when the config has a {@code homeostasis:} section. */
  public Optional<Homeostasis> homeostasis() {
    return Optional.ofNullable(homeostasis);
  }

  /** The receivers by id, for tests and the admin API to find where they listen. */
  public Map<ComponentId, Receiver> receivers() {
    return receivers;
  }
}
