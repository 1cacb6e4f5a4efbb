package io.homeostat.exporter.prometheus.translate;

import io.homeostat.core.otlp.KeyValues;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

/**
 * The labels of one series: distinct names, sorted, none with an empty value (Prometheus treats
 * an empty value as no label). Immutable; equal label sets are equal objects.
 */
public final class LabelSet {

  public static final LabelSet EMPTY = new LabelSet(new String[0], new String[0]);

  private final String[] names;
  private final String[] values;
  private final int hash;

  private LabelSet(String[] names, String[] values) {
    this.names = names;
    this.values = values;
    this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
  }

  public int size() {
    return names.length;
  }

  public String name(int i) {
    return names[i];
  }

  public String value(int i) {
    return values[i];
  }

  /** The value of label {@code name}, or null. */
  public String get(String name) {
    int at = Arrays.binarySearch(names, name);
    return at < 0 ? null : values[at];
  }

  /** The names, sorted; a copy. */
  public String[] names() {
    return names.clone();
  }

  /** The values in the order of {@link #names()}; a copy. */
  public String[] values() {
    return values.clone();
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    for (int i = 0; i < names.length; i++) {
      builder.put(names[i], values[i]);
    }
    return builder;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelSet other && hash == other.hash && Arrays.equals(names, other.names)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** {@code {a="1",b="2"}}, for messages and tests. */
  @Override
  public String toString() {
    StringJoiner out = new StringJoiner(",", "{", "}");
    for (int i = 0; i < names.length; i++) {
      out.add(names[i] + "=\"" + values[i] + "\"");
    }
    return out.toString();
  }

  /**
   * Collects labels in order of precedence: a later {@link #put} replaces an earlier label of the
   * same name. Labels are few, so they live in small arrays searched linearly.
   */
  public static final class Builder {

    private String[] names = new String[8];
    private String[] values = new String[8];
    /** For each label, the {@link #putAttributes} call that set it; 0 for other calls. */
    private int[] generations = new int[8];
    private int size;
    private int generation;

    private Builder() {}

    /** Sets {@code name} to {@code value}; an empty value removes the label. */
    public Builder put(String name, String value) {
      int at = indexOf(name);
      if (value.isEmpty()) {
        if (at >= 0) {
          removeAt(at);
        }
      } else if (at >= 0) {
        values[at] = value;
        generations[at] = 0;
      } else {
        append(name, value, 0);
      }
      return this;
    }

    /** Sets {@code name} unless a label of that name is already set. */
    public Builder putIfAbsent(String name, String value) {
      if (indexOf(name) < 0 && !value.isEmpty()) {
        append(name, value, 0);
      }
      return this;
    }

    /** Sets every label of {@code labels}, replacing those of the same names. */
    public Builder putAll(LabelSet labels) {
      for (int i = 0; i < labels.size(); i++) {
        put(labels.name(i), labels.value(i));
      }
      return this;
    }

    public Builder remove(String name) {
      int at = indexOf(name);
      if (at >= 0) {
        removeAt(at);
      }
      return this;
    }

    /**
     * Sets a label per attribute, named by {@link LabelNamer}, with the value as text (arrays
     * joined with {@code ,}). Attributes whose names become the same label are joined with
     * {@code ;} in the order of their keys, as the Collector does; together they replace a label
     * set by an earlier call.
     */
    public Builder putAttributes(List<KeyValue> attributes) {
      putAttributes(attributes, "");
      return this;
    }

    /** As {@link #putAttributes(List)}, each key read with {@code prefix} in front. */
    Builder putAttributes(List<KeyValue> attributes, String prefix) {
      generation++;
      KeyValue[] sorted = attributes.toArray(new KeyValue[0]);
      if (sorted.length > 1) {
        Arrays.sort(sorted, Comparator.comparing(KeyValue::getKey));
      }
      for (KeyValue attribute : sorted) {
        String name = LabelNamer.name(prefix + attribute.getKey());
        String value = KeyValues.asString(attribute.getValue());
        if (name.isEmpty() || value.isEmpty()) {
          continue;
        }
        int at = indexOf(name);
        if (at < 0) {
          append(name, value, generation);
        } else if (generations[at] == generation) {
          values[at] = values[at] + ";" + value;
        } else {
          values[at] = value;
          generations[at] = generation;
        }
      }
      return this;
    }

    public LabelSet build() {
      if (size == 0) {
        return EMPTY;
      }
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparing(i -> names[i]));
      String[] sortedNames = new String[size];
      String[] sortedValues = new String[size];
      for (int i = 0; i < size; i++) {
        sortedNames[i] = names[order[i]];
        sortedValues[i] = values[order[i]];
      }
      return new LabelSet(sortedNames, sortedValues);
    }

    private int indexOf(String name) {
      for (int i = 0; i < size; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }

    private void append(String name, String value, int setBy) {
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
        values = Arrays.copyOf(values, size * 2);
        generations = Arrays.copyOf(generations, size * 2);
      }
      names[size] = name;
      values[size] = value;
      generations[size] = setBy;
      size++;
    }

    private void removeAt(int at) {
      size--;
      names[at] = names[size];
      values[at] = values[size];
      generations[at] = generations[size];
      names[size] = null;
      values[size] = null;
    }
  }
}
