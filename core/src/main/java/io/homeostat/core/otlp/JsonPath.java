package io.homeostat.core.otlp;

import java.util.Arrays;

/**
 * Where the reader is, kept as a stack of segments so that descending costs no allocation; the
 * path is rendered only for an error, e.g. {@code resourceSpans[0].scopeSpans[0].spans[3].traceId}.
 */
final class JsonPath {

  /** Marks a segment that is a field name; other segments are list indices or map keys. */
  private static final int FIELD = -1;
  /** Marks a segment that is a map key. */
  private static final int MAP_KEY = -2;

  private String[] names = new String[16];
  private int[] indices = new int[16];
  private int size;

  void pushField(String name) {
    push(name, FIELD);
  }

  void pushIndex(int index) {
    push(null, index);
  }

  void pushMapKey(String key) {
    push(key, MAP_KEY);
  }

  void pop() {
    names[--size] = null;
  }

  private void push(String name, int index) {
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      indices = Arrays.copyOf(indices, size * 2);
    }
    names[size] = name;
    indices[size++] = index;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < size; i++) {
      switch (indices[i]) {
        case FIELD -> out.append(out.length() == 0 ? "" : ".").append(names[i]);
        case MAP_KEY -> out.append('[').append(JsonText.quote(names[i])).append(']');
        default -> out.append('[').append(indices[i]).append(']');
      }
    }
    return out.toString();
  }
}
