package io.homeostat.processor.requirements.scan;

import java.util.List;

/**
 * A marker in a comment block, waiting for the code below: if a function is declared right there,
 * the marker is that function's; otherwise it belongs to {@code enclosing}, the function the
 * comment is in (null: none).
 */
record Pending(int line, List<String> requirements, String enclosing) {

  Marker resolve(String file, String declaredBelow) {
    return new Marker(file, line, requirements, declaredBelow != null ? declaredBelow : enclosing);
  }
}
