package io.homeostat.processor.batch;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.processor.support.RequestShape;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an export request into requests of at most {@code max} items, in order, keeping each
 * item's resource and scope. A metric counts as its data points and is itself split across parts
 * when it has more than a part has room for, as the Collector's batch processor does.
 */
final class Splitter {

  private final RequestShape shape;
  private final int max;
  private final List<Message> parts = new ArrayList<>();
  private Message.Builder request;
  private Message.Builder group;
  private Message.Builder scope;
  private Message groupSource;
  private Message scopeSource;
  private int count;

  private Splitter(RequestShape shape, int max) {
    this.shape = shape;
    this.max = max;
  }

  /** The parts of {@code request}; {@code request} itself when it has at most {@code max} items. */
  static List<Message> split(Message request, int max) {
    if (OtlpRequests.itemCount(request) <= max) {
      return List.of(request);
    }
    Splitter splitter = new Splitter(RequestShape.of(request), max);
    for (Message group : RequestShape.children(request, splitter.shape.groups())) {
      for (Message scope : RequestShape.children(group, splitter.shape.scopes())) {
        for (Message item : RequestShape.children(scope, splitter.shape.items())) {
          splitter.add(group, scope, item);
        }
      }
    }
    return splitter.finish();
  }

  private void add(Message groupOf, Message scopeOf, Message item) {
    if (!(item instanceof Metric metric)) {
      append(groupOf, scopeOf, item, 1);
      return;
    }
    int points = OtlpRequests.dataPointCount(metric);
    if (points <= max - count) {
      append(groupOf, scopeOf, item, points);
      return;
    }
    for (int from = 0; from < points; ) {
      if (count == max) {
        finishPart();
      }
      int to = Math.min(points, from + max - count);
      append(groupOf, scopeOf, points(metric, from, to), to - from);
      from = to;
    }
  }

  private void append(Message groupOf, Message scopeOf, Message item, int items) {
    if (count + items > max) {
      finishPart();
    }
    if (request == null) {
      request = OtlpRequests.empty(shape.signal()).newBuilderForType();
    }
    if (groupOf != groupSource) {
      closeGroup();
      group = groupOf.toBuilder().clearField(shape.scopes());
      groupSource = groupOf;
    }
    if (scopeOf != scopeSource) {
      closeScope();
      scope = scopeOf.toBuilder().clearField(shape.items());
      scopeSource = scopeOf;
    }
    scope.addRepeatedField(shape.items(), item);
    count += items;
  }

  private void closeScope() {
    if (scope != null) {
      group.addRepeatedField(shape.scopes(), scope.build());
      scope = null;
      scopeSource = null;
    }
  }

  private void closeGroup() {
    closeScope();
    if (group != null) {
      request.addRepeatedField(shape.groups(), group.build());
      group = null;
      groupSource = null;
    }
  }

  private void finishPart() {
    closeGroup();
    parts.add(request.build());
    request = null;
    count = 0;
  }

  private List<Message> finish() {
    if (request != null) {
      finishPart();
    }
    return parts;
  }

  /** {@code metric} with only its data points {@code from} (inclusive) to {@code to}. */
  private static Metric points(Metric metric, int from, int to) {
    FieldDescriptor dataField = metric.getDescriptorForType()
        .findFieldByNumber(metric.getDataCase().getNumber());
    Message data = (Message) metric.getField(dataField);
    FieldDescriptor pointsField = data.getDescriptorForType().findFieldByName("data_points");
    List<Message> all = RequestShape.children(data, pointsField);
    Message.Builder part = data.toBuilder().clearField(pointsField);
    for (int i = from; i < to; i++) {
      part.addRepeatedField(pointsField, all.get(i));
    }
    return metric.toBuilder().setField(dataField, part.build()).build();
  }
}
