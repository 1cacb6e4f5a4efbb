package io.homeostat.processor.requirements.scan;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a scan found: every marker, in path and line order.
 *
 * @param markers each {@code Implements:} marker with its file, line and function
 */
public record ScanResult(List<Marker> markers) {

  public ScanResult {
    markers = List.copyOf(markers);
  }

  /** The distinct requirement keys the markers name, sorted. */
  public SortedSet<String> requirements() {
    SortedSet<String> keys = new TreeSet<>();
    markers.forEach(marker -> keys.addAll(marker.requirements()));
    return keys;
  }

  /**
   * A catalog in Homeostat's {@code requirements.yaml} format: a requirement per key with the files
   * that implement it, and rules that give spans the keys of the code that made them.
   */
  public String catalog() {
    return CatalogYaml.write(markers, requirements());
  }
}
