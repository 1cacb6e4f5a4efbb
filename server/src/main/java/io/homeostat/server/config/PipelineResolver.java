package io.homeostat.server.config;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentKind;
import io.homeostat.core.component.ConnectorFactory;
import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.ConfigNode.ListNode;
import io.homeostat.core.config.ConfigNode.MapNode;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.pipeline.Signal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns {@code service.pipelines} into {@link PipelineSpec}s, checking every reference: that it
 * is defined (with the closest defined id when it is not), supports the pipeline's signal, is
 * listed once, and that each connector is used on both sides with signals it can turn into one
 * another. A pipeline's {@code receivers} may name receivers and connectors, its
 * {@code exporters} exporters and connectors.
 */
final class PipelineResolver {

  private final Map<ComponentKind, Map<ComponentId, ComponentSpec>> defined;
  private final MapNode pipelinesNode;
  private final ConfigProblems problems;
  /** For each connector, where it is used as a receiver: the list item and the pipeline. */
  private final Map<ComponentId, List<Use>> connectorAsReceiver = new LinkedHashMap<>();
  private final Map<ComponentId, List<Use>> connectorAsExporter = new LinkedHashMap<>();

  private record Use(ConfigNode at, ComponentId pipeline, Signal signal) {}

  PipelineResolver(Map<ComponentKind, Map<ComponentId, ComponentSpec>> defined, MapNode pipelinesNode,
      ConfigProblems problems) {
    this.defined = defined;
    this.pipelinesNode = pipelinesNode;
    this.problems = problems;
  }

  List<PipelineSpec> resolve(Map<String, PipelineConfig> pipelines) {
    List<PipelineSpec> specs = new ArrayList<>();
    pipelines.forEach((key, pipeline) -> {
      PipelineSpec spec = pipeline(key, pipeline);
      if (spec != null) {
        specs.add(spec);
      }
    });
    checkConnectors();
    return List.copyOf(specs);
  }

  private PipelineSpec pipeline(String key, PipelineConfig pipeline) {
    ComponentId id;
    try {
      id = ComponentId.parse(key);
    } catch (IllegalArgumentException e) {
      problems.errorAtKey(pipelinesNode, key, e.getMessage());
      return null;
    }
    Signal signal = Signal.fromConfigName(id.type());
    if (signal == null) {
      String closest = ConfigBinder.closest(id.type(), Set.of("traces", "metrics", "logs"));
      problems.errorAtKey(pipelinesNode, key, "unknown pipeline type '" + id.type() + "'"
          + (closest == null ? "" : "; did you mean '" + closest + "'?")
          + " (a pipeline id is traces, metrics or logs, optionally followed by /name)");
      return null;
    }
    MapNode map = pipelinesNode.get(key) instanceof MapNode m ? m : null;
    List<ComponentId> receivers = references("receivers", ComponentKind.RECEIVER, pipeline.receivers(), map, signal, id);
    List<ComponentId> processors = references("processors", ComponentKind.PROCESSOR, pipeline.processors(), map, signal, id);
    List<ComponentId> exporters = references("exporters", ComponentKind.EXPORTER, pipeline.exporters(), map, signal, id);
    if (pipeline.receivers().isEmpty()) {
      problems.errorAtKey(pipelinesNode, key, "pipeline '" + id + "' must have at least one receiver");
    }
    if (pipeline.exporters().isEmpty()) {
      problems.errorAtKey(pipelinesNode, key, "pipeline '" + id + "' must have at least one exporter");
    }
    return new PipelineSpec(id, signal, receivers, processors, exporters);
  }

  private List<ComponentId> references(String listKey, ComponentKind kind, List<String> names,
      MapNode pipelineNode, Signal signal, ComponentId pipeline) {
    List<ComponentId> ids = new ArrayList<>();
    if (names.isEmpty()) {
      return ids;
    }
    // Names only come from a YAML list (anything else was reported by the binder and left empty).
    ListNode list = (ListNode) pipelineNode.get(listKey);
    boolean connectorsAllowed = kind != ComponentKind.PROCESSOR;
    Set<ComponentId> seen = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      ConfigNode at = list.items().get(i);
      ComponentId id;
      try {
        id = ComponentId.parse(names.get(i));
      } catch (IllegalArgumentException e) {
        problems.error(at, e.getMessage());
        continue;
      }
      ComponentSpec spec = defined.get(kind).get(id);
      ComponentSpec connector = connectorsAllowed ? defined.get(ComponentKind.CONNECTOR).get(id) : null;
      if (spec != null && connector != null) {
        problems.error(at, "'" + id + "' names both a " + kind.noun() + " and a connector; give one of"
            + " them another name (type/name)");
        continue;
      }
      if (spec == null && connector == null) {
        problems.error(at, notDefined(kind, id, connectorsAllowed));
        continue;
      }
      if (!seen.add(id)) {
        problems.error(at, "pipeline '" + pipeline + "' lists " + kind.noun() + " '" + id + "' more than once");
        continue;
      }
      if (connector != null) {
        if (kind == ComponentKind.EXPORTER && !connector.factory().supports(signal)) {
          problems.error(at, unsupported("connector", id, signal, pipeline, connector));
          continue;
        }
        (kind == ComponentKind.RECEIVER ? connectorAsReceiver : connectorAsExporter)
            .computeIfAbsent(id, k -> new ArrayList<>()).add(new Use(at, pipeline, signal));
      } else if (!spec.factory().supports(signal)) {
        problems.error(at, unsupported(kind.noun(), id, signal, pipeline, spec));
        continue;
      }
      ids.add(id);
    }
    return List.copyOf(ids);
  }

  private String notDefined(ComponentKind kind, ComponentId id, boolean connectorsAllowed) {
    Set<String> known = new TreeSet<>();
    defined.get(kind).keySet().forEach(k -> known.add(k.toString()));
    boolean anyConnector = connectorsAllowed && !defined.get(ComponentKind.CONNECTOR).isEmpty();
    if (anyConnector) {
      defined.get(ComponentKind.CONNECTOR).keySet().forEach(k -> known.add(k.toString()));
    }
    String closest = ConfigBinder.closest(id.toString(), known);
    return kind.noun() + " '" + id + "' is not defined under " + kind.section()
        + (anyConnector ? " or connectors" : "")
        + (closest == null ? "" : "; did you mean '" + closest + "'?")
        + (known.isEmpty() ? " (none are defined)" : " (defined: " + String.join(", ", known) + ")");
  }

  private static String unsupported(String noun, ComponentId id, Signal signal, ComponentId pipeline,
      ComponentSpec spec) {
    return noun + " '" + id + "' does not support " + signal.configName() + ", so it cannot be in"
        + " pipeline '" + pipeline + "' (it supports " + spec.factory().supportedSignals().stream()
            .map(Signal::configName).sorted().collect(Collectors.joining(", ")) + ")";
  }

  /** Each connector is used on both sides, and each pipeline it feeds gets a signal it makes. */
  private void checkConnectors() {
    for (Map.Entry<ComponentId, ComponentSpec> entry : defined.get(ComponentKind.CONNECTOR).entrySet()) {
      ComponentId id = entry.getKey();
      List<Use> asExporter = connectorAsExporter.getOrDefault(id, List.of());
      List<Use> asReceiver = connectorAsReceiver.getOrDefault(id, List.of());
      if (asExporter.isEmpty() && !asReceiver.isEmpty()) {
        problems.error(asReceiver.get(0).at(), "connector '" + id + "' is a receiver of pipeline '"
            + asReceiver.get(0).pipeline() + "' but no pipeline exports to it; list it under a"
            + " pipeline's exporters too");
      }
      if (asReceiver.isEmpty() && !asExporter.isEmpty()) {
        problems.error(asExporter.get(0).at(), "connector '" + id + "' is an exporter of pipeline '"
            + asExporter.get(0).pipeline() + "' but no pipeline receives from it; list it under a"
            + " pipeline's receivers too");
      }
      ConnectorFactory<?> factory = (ConnectorFactory<?>) entry.getValue().factory();
      Set<Signal> inputs = EnumSet.noneOf(Signal.class);
      asExporter.forEach(use -> inputs.add(use.signal()));
      Set<Signal> made = EnumSet.noneOf(Signal.class);
      inputs.forEach(input -> made.addAll(factory.outputs(input)));
      for (Use use : asReceiver) {
        if (!asExporter.isEmpty() && !made.contains(use.signal())) {
          problems.error(use.at(), "connector '" + id + "' makes " + names(made) + " from "
              + names(inputs) + ", not " + use.signal().configName() + ", so pipeline '"
              + use.pipeline() + "' cannot receive from it");
        }
      }
    }
  }

  private static String names(Set<Signal> signals) {
    return signals.isEmpty() ? "nothing"
        : signals.stream().map(Signal::configName).collect(Collectors.joining(" and "));
  }
}
