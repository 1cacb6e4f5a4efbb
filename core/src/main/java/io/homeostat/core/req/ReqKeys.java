package io.homeostat.core.req;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The requirement key's conventions (DESIGN.md, "Requirement keys"). */
public final class ReqKeys {

  /** The canonical attribute every record carries its requirement keys in. */
  public static final String KEY = "req";
  /** Other attribute names teams use for it; folded into {@link #KEY}. */
  public static final List<String> DEFAULT_ALIASES = List.of("requirement", "req.id", "req_id");
  /** What a requirement key looks like, such as {@code REQ-NFR-PERF-001}. */
  public static final Pattern DEFAULT_PATTERN = Pattern.compile("^REQ-[A-Z0-9]+(-[A-Z0-9]+)*$");
  /** The key given to records whose requirement could not be found ({@code on_missing: tag}). */
  public static final String UNTAGGED = "REQ-UNTAGGED";

  private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

  private ReqKeys() {}

  /** The keys in a value such as {@code "REQ-A, REQ-B"}: split on commas and spaces, trimmed. */
  public static List<String> split(String value) {
    List<String> keys = new ArrayList<>(1);
    for (String part : SEPARATORS.split(value)) {
      if (!part.isEmpty()) {
        keys.add(part);
      }
    }
    return keys;
  }
}
