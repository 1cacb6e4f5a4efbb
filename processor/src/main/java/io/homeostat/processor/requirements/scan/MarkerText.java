package io.homeostat.processor.requirements.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds {@code Implements: REQ-A} and {@code Implements: REQ-A, REQ-B} in the text of a comment. */
final class MarkerText {

  private static final String KEY = "REQ-[A-Z0-9]+(?:-[A-Z0-9]+)*(?![A-Za-z0-9_])";
  private static final Pattern MARKER =
      Pattern.compile("\\bImplements:\\s*(" + KEY + "(?:\\s*,\\s*" + KEY + ")*)");

  private MarkerText() {}

  /** The keys of each marker in {@code comment}, in order; empty when it holds none. */
  static List<List<String>> keys(String comment) {
    if (!comment.contains("Implements:")) {
      return List.of();
    }
    List<List<String>> markers = new ArrayList<>(1);
    Matcher matcher = MARKER.matcher(comment);
    while (matcher.find()) {
      List<String> keys = new ArrayList<>();
      for (String key : matcher.group(1).split(",")) {
        keys.add(key.strip());
      }
      markers.add(keys);
    }
    return markers;
  }
}
