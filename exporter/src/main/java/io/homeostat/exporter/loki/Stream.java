package io.homeostat.exporter.loki;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The entries of one push that share a label set.
 *
 * @param labels the label set as name, value, name, value..., sorted by name
 * @param selector the label set as Loki's push API writes it: {@code {a="x", b="y"}}
 */
record Stream(String[] labels, String selector, List<Entry> entries) {

  Stream(String[] labels, String selector) {
    this(labels, selector, new ArrayList<>());
  }

  /**
   * Puts the entries in time order, keeping the order of equal times. Loki accepts entries out of
   * order only within a window ({@code unordered_writes}), and in order always.
   */
  void sort() {
    entries.sort(Comparator.comparingLong(Entry::nanos));
  }
}
