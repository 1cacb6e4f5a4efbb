package io.homeostat.processor.support;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges export requests of one signal into one, for processors that hand on what they gathered
 * from many requests (batch, tail sampling). Resource groups with equal resources (and schema URL)
 * become one, and within them scope groups with equal scopes, so that a hundred small requests
 * from one service come out as one group of items instead of a hundred.
 *
 * <p>Messages that need no merging are reused as they are: a scope group that is alone under its
 * key is not rebuilt, and a single request is returned itself.
 */
public final class RequestMerge {

  private RequestMerge() {}

  /** One request holding every item of {@code requests} (at least one, all of one signal). */
  public static Message of(List<? extends Message> requests) {
    if (requests.size() == 1) {
      return requests.get(0);
    }
    RequestShape shape = RequestShape.of(requests.get(0));
    Map<Message, Map<Message, List<Message>>> groups = new LinkedHashMap<>();
    for (Message request : requests) {
      for (Message group : RequestShape.children(request, shape.groups())) {
        Map<Message, List<Message>> scopes = groups.computeIfAbsent(
            RequestShape.without(group, shape.scopes()), key -> new LinkedHashMap<>());
        for (Message scope : RequestShape.children(group, shape.scopes())) {
          scopes.computeIfAbsent(RequestShape.without(scope, shape.items()), key -> new ArrayList<>(1))
              .add(scope);
        }
      }
    }
    Message.Builder out = requests.get(0).newBuilderForType();
    groups.forEach((groupKey, scopes) -> {
      Message.Builder group = groupKey.toBuilder();
      scopes.forEach((scopeKey, parts) ->
          group.addRepeatedField(shape.scopes(), concat(scopeKey, parts, shape)));
      out.addRepeatedField(shape.groups(), group.build());
    });
    return out.build();
  }

  private static Message concat(Message scopeKey, List<Message> parts, RequestShape shape) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    Message.Builder scope = scopeKey.toBuilder();
    for (Message part : parts) {
      for (Message item : RequestShape.children(part, shape.items())) {
        scope.addRepeatedField(shape.items(), item);
      }
    }
    return scope.build();
  }
}
