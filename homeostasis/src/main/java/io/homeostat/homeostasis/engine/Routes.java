package io.homeostat.homeostasis.engine;

import io.homeostat.core.pipeline.Signal;
import io.homeostat.homeostasis.target.Source;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Hands each record to the targets that read it, found by hash lookups rather than by asking every
 * target: spans and metrics by name, and for targets that read every record of their requirement
 * (error rates without a span name, logs), by the record's requirement keys. A record no target
 * reads costs a lookup or two and allocates nothing.
 */
final class Routes {

  /** Keys read from one record; a record tagged with more is rare and its extra keys are ignored. */
  private static final int MAX_KEYS = 8;

  private final Map<String, Watch.OfSpans[]> spansByName;
  private final Map<String, Watch.OfSpans[]> spansByRequirement;
  private final Watch.OfSpans[] everySpan;
  private final Map<String, Watch.OfMetrics[]> metricsByName;
  private final Map<String, Watch.OfLogs[]> logsByRequirement;
  private final Watch.OfLogs[] everyLog;
  private final String[] keys = new String[MAX_KEYS];

  Routes(List<Watch> watches) {
    Map<String, List<Watch.OfSpans>> spanNames = new HashMap<>();
    Map<String, List<Watch.OfSpans>> spanRequirements = new HashMap<>();
    List<Watch.OfSpans> allSpans = new ArrayList<>();
    Map<String, List<Watch.OfMetrics>> metricNames = new HashMap<>();
    Map<String, List<Watch.OfLogs>> logRequirements = new HashMap<>();
    List<Watch.OfLogs> allLogs = new ArrayList<>();
    for (Watch watch : watches) {
      Source source = watch.spec.source();
      String requirement = watch.spec.requirementOnly() ? watch.spec.requirement() : null;
      if (source instanceof Source.Span span) {
        add(spanNames, span.name(), (Watch.OfSpans) watch);
      } else if (source instanceof Source.ErrorRate errors && errors.span() != null) {
        add(spanNames, errors.span(), (Watch.OfSpans) watch);
      } else if (source instanceof Source.ErrorRate) {
        addByRequirement(spanRequirements, allSpans, requirement, (Watch.OfSpans) watch);
      } else if (source instanceof Source.Logs) {
        addByRequirement(logRequirements, allLogs, requirement, (Watch.OfLogs) watch);
      } else if (source instanceof Source.Metric metric) {
        add(metricNames, metric.name(), (Watch.OfMetrics) watch);
      } else if (source instanceof Source.Ratio ratio) {
        Set<String> names = new LinkedHashSet<>(List.of(ratio.good().name(), ratio.total().name()));
        for (String name : names) {
          if (ratio.total().signal() == Signal.TRACES) {
            add(spanNames, name, (Watch.OfSpans) watch);
          } else {
            add(metricNames, name, (Watch.OfMetrics) watch);
          }
        }
      }
    }
    spansByName = arrays(spanNames, Watch.OfSpans[]::new);
    spansByRequirement = arrays(spanRequirements, Watch.OfSpans[]::new);
    everySpan = allSpans.toArray(Watch.OfSpans[]::new);
    metricsByName = arrays(metricNames, Watch.OfMetrics[]::new);
    logsByRequirement = arrays(logRequirements, Watch.OfLogs[]::new);
    everyLog = allLogs.toArray(Watch.OfLogs[]::new);
  }

  void traces(ExportTraceServiceRequest request, long now) {
    if (spansByName.isEmpty() && spansByRequirement.isEmpty() && everySpan.length == 0) {
      return;
    }
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resourceSpans = request.getResourceSpans(r);
      Resource resource = resourceSpans.getResource();
      for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
        ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
        InstrumentationScope scope = scopeSpans.getScope();
        for (int i = 0; i < scopeSpans.getSpansCount(); i++) {
          Span span = scopeSpans.getSpans(i);
          Watch.OfSpans[] named = spansByName.get(span.getName());
          if (named != null) {
            for (Watch.OfSpans watch : named) {
              watch.span(resource, scope, span, now);
            }
          }
          if (!spansByRequirement.isEmpty()) {
            int n = requirementKeys(span.getAttributesList(), scope, resource);
            for (int k = 0; k < n; k++) {
              Watch.OfSpans[] tagged = spansByRequirement.get(keys[k]);
              if (tagged != null) {
                for (Watch.OfSpans watch : tagged) {
                  watch.span(resource, scope, span, now);
                }
              }
            }
          }
          for (Watch.OfSpans watch : everySpan) {
            watch.span(resource, scope, span, now);
          }
        }
      }
    }
  }

  void metrics(ExportMetricsServiceRequest request, long now) {
    if (metricsByName.isEmpty()) {
      return;
    }
    for (int r = 0; r < request.getResourceMetricsCount(); r++) {
      ResourceMetrics resourceMetrics = request.getResourceMetrics(r);
      Resource resource = resourceMetrics.getResource();
      for (int s = 0; s < resourceMetrics.getScopeMetricsCount(); s++) {
        ScopeMetrics scopeMetrics = resourceMetrics.getScopeMetrics(s);
        InstrumentationScope scope = scopeMetrics.getScope();
        for (int i = 0; i < scopeMetrics.getMetricsCount(); i++) {
          Metric metric = scopeMetrics.getMetrics(i);
          Watch.OfMetrics[] named = metricsByName.get(metric.getName());
          if (named != null) {
            for (Watch.OfMetrics watch : named) {
              watch.metric(resource, scope, metric, now);
            }
          }
        }
      }
    }
  }

  void logs(ExportLogsServiceRequest request, long now) {
    if (logsByRequirement.isEmpty() && everyLog.length == 0) {
      return;
    }
    for (int r = 0; r < request.getResourceLogsCount(); r++) {
      ResourceLogs resourceLogs = request.getResourceLogs(r);
      Resource resource = resourceLogs.getResource();
      for (int s = 0; s < resourceLogs.getScopeLogsCount(); s++) {
        ScopeLogs scopeLogs = resourceLogs.getScopeLogs(s);
        InstrumentationScope scope = scopeLogs.getScope();
        for (int i = 0; i < scopeLogs.getLogRecordsCount(); i++) {
          LogRecord record = scopeLogs.getLogRecords(i);
          if (!logsByRequirement.isEmpty()) {
            int n = requirementKeys(record.getAttributesList(), scope, resource);
            for (int k = 0; k < n; k++) {
              Watch.OfLogs[] tagged = logsByRequirement.get(keys[k]);
              if (tagged != null) {
                for (Watch.OfLogs watch : tagged) {
                  watch.log(resource, scope, record, now);
                }
              }
            }
          }
          for (Watch.OfLogs watch : everyLog) {
            watch.log(resource, scope, record, now);
          }
        }
      }
    }
  }

  private int requirementKeys(List<KeyValue> record, InstrumentationScope scope, Resource resource) {
    return ReqTags.collect(ReqTags.of(record, scope.getAttributesList(), resource.getAttributesList()), keys);
  }

  private static <T> void add(Map<String, List<T>> index, String key, T watch) {
    index.computeIfAbsent(key, k -> new ArrayList<>()).add(watch);
  }

  /** By requirement for targets that read only their requirement's records, else with every record. */
  private static <T> void addByRequirement(Map<String, List<T>> index, List<T> all, String requirement,
      T watch) {
    if (requirement != null) {
      add(index, requirement, watch);
    } else {
      all.add(watch);
    }
  }

  private static <T> Map<String, T[]> arrays(Map<String, List<T>> index, IntFunction<T[]> array) {
    Map<String, T[]> out = new HashMap<>();
    index.forEach((key, list) -> out.put(key, list.toArray(array)));
    return out;
  }
}
