package io.homeostat.homeostasis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.homeostasis.testing.RecordingListener;
import java.util.ArrayList;
import java.util.List;

/** Assertions on the order of notifications. */
final class RecordingCalls {

  private RecordingCalls() {}

  /** The notifications, with repeats of one kind in a row collapsed, are exactly {@code kinds}. */
  static void assertOrder(List<RecordingListener.Call> calls, String... kinds) {
    List<String> collapsed = new ArrayList<>();
    for (RecordingListener.Call call : calls) {
      if (collapsed.isEmpty() || !collapsed.get(collapsed.size() - 1).equals(call.kind())) {
        collapsed.add(call.kind());
      }
    }
    assertEquals(List.of(kinds), collapsed);
  }
}
