package io.homeostat.processor.requirements.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows the functions of one file line by line and gives each marker its function. A marker in
 * a comment block may belong to the declaration right below the block, so it waits
 * ({@link #waitForDeclaration}) until the code below says ({@link #resolve}); a blank line ends
 * the wait.
 */
abstract class FunctionTracker {

  private final String file;
  private final List<Marker> found = new ArrayList<>();
  private final List<Pending> pending = new ArrayList<>();

  FunctionTracker(String file) {
    this.file = file;
  }

  /** Every marker of {@code lines}, each with its function. */
  final List<Marker> markers(List<SourceLine> lines) {
    for (SourceLine line : lines) {
      if (line.isBlank()) {
        resolve(null);
      } else {
        line(line);
      }
    }
    resolve(null);
    return found;
  }

  /** Reads a line that is not blank. */
  abstract void line(SourceLine line);

  final void found(int line, List<String> keys, String function) {
    found.add(new Marker(file, line, keys, function));
  }

  /** A marker whose function is the one declared below, if any, else {@code enclosing}. */
  final void waitForDeclaration(int line, List<String> keys, String enclosing) {
    pending.add(new Pending(line, keys, enclosing));
  }

  /** The code below the waiting markers declares {@code declaredBelow} (null: no function). */
  final void resolve(String declaredBelow) {
    for (Pending marker : pending) {
      found(marker.line(), marker.requirements(),
          declaredBelow != null ? declaredBelow : marker.enclosing());
    }
    pending.clear();
  }

  /** A marker waiting for the code below its comment block. */
  private record Pending(int line, List<String> requirements, String enclosing) {}
}
