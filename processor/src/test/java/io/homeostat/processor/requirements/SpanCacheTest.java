package io.homeostat.processor.requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpanCacheTest {

  private static final long TTL = 1_000;

  private final SpanCache cache = new SpanCache(4, TTL);

  private Object find(long span, long now) {
    int slot = cache.find(7, 9, span, now);
    return slot < 0 ? null : cache.value(slot);
  }

  @Test
  void aSpanIsKnownByItsTraceAndSpanIdUntilRemoved() {
    cache.add(7, 9, 1, "a", 0);
    cache.add(7, 10, 1, "other trace", 0);
    assertEquals("a", find(1, 0));
    assertEquals(-1, cache.find(8, 9, 1, 0));
    cache.set(cache.find(7, 9, 1, 0), "b");
    assertEquals("b", find(1, 0));
    cache.remove(cache.find(7, 9, 1, 0));
    assertEquals(null, find(1, 0));
    assertEquals(1, cache.size());
  }

  @Test
  void whenFullTheOldestEntryMakesRoom() {
    for (long span = 1; span <= 5; span++) {
      cache.add(7, 9, span, span, span);
    }
    assertEquals(null, find(1, 5));
    assertEquals(List.of(2L, 3L, 4L, 5L), List.of(find(2, 5), find(3, 5), find(4, 5), find(5, 5)));
    assertEquals(4, cache.size());
  }

  @Test
  void aHoleLeftByARemovalIsReusedBeforeALiveEntryIsEvicted() {
    for (long span = 1; span <= 4; span++) {
      cache.add(7, 9, span, span, 0);
    }
    cache.remove(cache.find(7, 9, 1, 0));
    cache.add(7, 9, 5, 5L, 0);
    assertEquals(List.of(2L, 3L, 4L, 5L), List.of(find(2, 0), find(3, 0), find(4, 0), find(5, 0)));
  }

  @Test
  void entriesOlderThanTheAgeLimitAreForgotten() {
    cache.add(7, 9, 1, "old", 0);
    cache.add(7, 9, 2, "new", 600);
    assertEquals("old", find(1, TTL));
    assertEquals(null, find(1, TTL + 1));
    cache.add(7, 9, 3, "newer", 1_700);
    assertEquals(1, cache.size());
    assertEquals("newer", find(3, 1_700));
  }

  /** Adds and removals in a random order, against a map that evicts its eldest entry when the cache does. */
  @Test
  void randomAddsAndRemovalsAgreeWithAMap() {
    SpanCache big = new SpanCache(512, Long.MAX_VALUE);
    Map<List<Long>, Long> model = new LinkedHashMap<>();
    Random random = new Random(20261121L);
    for (int step = 0; step < 200_000; step++) {
      long high = random.nextInt(4);
      long low = random.nextInt(8);
      long span = random.nextInt(64);
      List<Long> key = List.of(high, low, span);
      int slot = big.find(high, low, span, step);
      assertEquals(model.containsKey(key), slot >= 0, "step " + step);
      if (slot >= 0) {
        assertEquals(model.get(key), big.value(slot));
        if (random.nextBoolean()) {
          big.remove(slot);
          model.remove(key);
        }
      } else {
        big.add(high, low, span, (long) step, step);
        if (big.size() == model.size()) {
          Iterator<List<Long>> eldest = model.keySet().iterator();
          eldest.next();
          eldest.remove();
        }
        model.put(key, (long) step);
      }
      assertEquals(model.size(), big.size());
    }
    List<List<Long>> keys = new ArrayList<>(model.keySet());
    for (List<Long> key : keys) {
      int slot = big.find(key.get(0), key.get(1), key.get(2), 0);
      assertTrue(slot >= 0, "lost " + key);
      assertEquals(model.get(key), big.value(slot));
    }
  }
}
