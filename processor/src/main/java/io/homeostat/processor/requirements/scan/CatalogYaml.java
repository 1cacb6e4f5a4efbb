package io.homeostat.processor.requirements.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes the catalog of a scan. Each rule matches the OpenTelemetry code attributes that
 * auto-instrumentation puts on spans: {@code code.filepath} by a pattern that also matches the
 * absolute paths spans carry, and {@code code.function} exactly. The markers of one function (or of
 * one file, outside functions) make one rule naming all their keys, since the first rule that
 * matches a record decides its keys; rules for functions come before rules for whole files, so
 * that a file-wide marker does not hide the functions' own.
 */
final class CatalogYaml {

  private static final String HEADER = """
      # Requirement catalog written by `homeostat scan` from the `Implements: REQ-...` markers in
      # source comments: scan again rather than edit. Its rules give spans the requirement of the
      # code that made them, by the code.filepath and code.function attributes OpenTelemetry
      # instrumentation sets. Name it as a requirements processor's catalog (docs/processors/catalog.md).

      """;
  private static final String REGEX_SPECIALS = "\\.[]{}()*+?^$|";

  /** The code a rule matches: a function of a file, or the whole file (function null). */
  private record Target(String file, String function) {}

  private record Rule(Set<String> keys, List<Integer> lines) {}

  private CatalogYaml() {}

  static String write(List<Marker> markers, SortedSet<String> keys) {
    StringBuilder out = new StringBuilder(HEADER);
    requirements(markers, keys, out);
    out.append('\n');
    rules(markers, out);
    return out.toString();
  }

  private static void requirements(List<Marker> markers, SortedSet<String> keys, StringBuilder out) {
    if (keys.isEmpty()) {
      out.append("requirements: []\n");
      return;
    }
    out.append("requirements:\n");
    for (String key : keys) {
      SortedSet<String> files = new TreeSet<>();
      markers.stream().filter(m -> m.requirements().contains(key)).forEach(m -> files.add(m.file()));
      out.append("  - id: ").append(key).append("\n    code:\n");
      files.forEach(file -> out.append("      - ").append(quoted(file)).append('\n'));
    }
  }

  private static void rules(List<Marker> markers, StringBuilder out) {
    Map<Target, Rule> functions = new LinkedHashMap<>();
    Map<Target, Rule> files = new LinkedHashMap<>();
    for (Marker marker : markers) {
      Target target = new Target(marker.file(), marker.function());
      Rule rule = (marker.function() != null ? functions : files)
          .computeIfAbsent(target, t -> new Rule(new LinkedHashSet<>(), new ArrayList<>()));
      rule.keys().addAll(marker.requirements());
      rule.lines().add(marker.line());
    }
    if (functions.isEmpty() && files.isEmpty()) {
      out.append("rules: []\n");
      return;
    }
    out.append("rules:\n");
    functions.forEach((target, rule) -> rule(target, rule, out));
    files.forEach((target, rule) -> rule(target, rule, out));
  }

  private static void rule(Target target, Rule rule, StringBuilder out) {
    out.append("  # ").append(target.file()).append(':')
        .append(rule.lines().stream().map(String::valueOf).collect(Collectors.joining(",")))
        .append(target.function() == null ? ", outside any function" : " in " + target.function())
        .append('\n');
    out.append("  - req: [").append(String.join(", ", rule.keys())).append("]\n");
    out.append("    match:\n      match_type: regexp\n      attributes:\n");
    out.append("        - { key: code.filepath, value: ")
        .append(quoted("(^|.*/)" + escaped(target.file()))).append(" }\n");
    if (target.function() != null) {
      out.append("        - { key: code.function, value: ")
          .append(quoted(escaped(target.function()))).append(" }\n");
    }
  }

  /** {@code text} as a regular expression that matches exactly it. */
  private static String escaped(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (REGEX_SPECIALS.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * A YAML single-quoted scalar: no escapes but a doubled quote, so backslashes stay as written.
   * Catalogs expand {@code ${VAR}} as configs do, so a {@code $} is doubled too.
   */
  private static String quoted(String text) {
    return "'" + text.replace("'", "''").replace("$", "$$") + "'";
  }
}
