package io.homeostat.processor.requirements.scan;

import java.util.List;

/**
 * An {@code Implements: REQ-…} marker found in a source comment.
 *
 * @param file the file's path relative to the scanned directory, with {@code /} separators
 * @param line 1-based
 * @param requirements the keys it names, in the order written
 * @param function the function or method whose body holds the marker (or which the marker's
 *     comment block sits right above), as OpenTelemetry puts it in {@code code.function}; null
 *     when the scanner cannot tell or the marker is outside any function
 */
public record Marker(String file, int line, List<String> requirements, String function) {

  public Marker {
    requirements = List.copyOf(requirements);
  }
}
