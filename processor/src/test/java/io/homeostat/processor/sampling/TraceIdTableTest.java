package io.homeostat.processor.sampling;

import static io.homeostat.processor.testing.Otlp.traceId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TraceIdTableTest {

  private static final long NO_LIMIT = Long.MAX_VALUE;

  @Test
  void holdsWhatWasPutAndNothingElse() {
    TraceIdTable table = new TraceIdTable(4, NO_LIMIT);
    table.put(traceId(1, 2), 7, 0);
    assertEquals(7, table.get(traceId(1, 2), 0));
    assertEquals(TraceIdTable.MISSING, table.get(traceId(2, 1), 0));
    table.put(traceId(1, 2), 8, 0);
    assertEquals(8, table.get(traceId(1, 2), 0));
    assertEquals(1, table.size());
  }

  @Test
  void whenFullItForgetsTheOldestEntry() {
    TraceIdTable table = new TraceIdTable(3, NO_LIMIT);
    for (int i = 1; i <= 4; i++) {
      table.put(traceId(0, i), i, 0);
    }
    assertFalse(table.contains(traceId(0, 1), 0));
    for (int i = 2; i <= 4; i++) {
      assertEquals(i, table.get(traceId(0, i), 0));
    }
  }

  @Test
  void entriesOlderThanTheTimeLimitAreGone() {
    TraceIdTable table = new TraceIdTable(10, 1_000);
    table.put(traceId(0, 1), 1, 0);
    table.put(traceId(0, 2), 2, 500);
    assertTrue(table.contains(traceId(0, 1), 999));
    assertFalse(table.contains(traceId(0, 1), 1_000));
    assertTrue(table.contains(traceId(0, 2), 1_000));
    table.put(traceId(0, 3), 3, 1_200);
    assertEquals(2, table.size());
  }

  /** Many ids, repeats and evictions against a plain LinkedHashMap, so that deletion never loses an entry. */
  @Test
  void agreesWithASimpleModelOverManyInsertionsAndEvictions() {
    int capacity = 1000;
    TraceIdTable table = new TraceIdTable(capacity, NO_LIMIT);
    Map<ByteString, Long> model = new LinkedHashMap<>();
    Random random = new Random(11);
    List<ByteString> seen = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      ByteString id = !seen.isEmpty() && random.nextInt(4) == 0
          ? seen.get(random.nextInt(seen.size()))
          // Few distinct high halves and small low halves crowd the probe runs.
          : traceId(random.nextInt(3), random.nextInt(5_000));
      seen.add(id);
      table.put(id, i, 0);
      if (model.containsKey(id)) {
        model.put(id, (long) i);
      } else {
        model.put(id, (long) i);
        if (model.size() > capacity) {
          model.remove(model.keySet().iterator().next());
        }
      }
    }
    assertEquals(model.size(), table.size());
    for (ByteString id : seen) {
      assertEquals(model.getOrDefault(id, TraceIdTable.MISSING), table.get(id, 0), "for " + id);
    }
  }
}
