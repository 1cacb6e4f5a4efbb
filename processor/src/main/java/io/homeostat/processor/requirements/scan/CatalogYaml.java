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
 * Writes the catalog of a scan. Its rules match the OpenTelemetry code attributes that
 * instrumentation puts on spans, in each form instrumentations write today, one rule per form
 * since a rule's attributes must all match:
 *
 * <ul>
 *   <li>{@code code.filepath} and {@code code.function} (the experimental code conventions, which
 *       most instrumentations still write): the path by a pattern that also matches the absolute
 *       paths spans carry, the function exactly;
 *   <li>{@code code.file.path} and {@code code.function.name} (stable since semantic conventions
 *       1.33), where the function name is qualified ({@code auth.login.check_password},
 *       {@code GuzzleHttp\Client::transfer}), so only its last part is matched;
 *   <li>for Java, Kotlin and Scala, whose agents know no source file, the class the file is named
 *       after (not its nested classes): {@code code.namespace} with {@code code.function}, and
 *       the qualified {@code code.function.name}.
 * </ul>
 *
 * <p>The markers of one function (or of one file, outside functions) make one set of rules naming
 * all their keys, since the first rule that matches a record decides its keys; rules for functions
 * come before rules for whole files, so that a file-wide marker does not hide the functions' own.
 */
final class CatalogYaml {

  private static final String HEADER = """
      # Requirement catalog written by `homeostat scan` from the `Implements: REQ-...` markers in
      # source comments: scan again rather than edit. Its rules give spans the requirement of the
      # code that made them, by the code.* attributes OpenTelemetry instrumentation sets (each
      # place has a rule per form of them). Name it as a requirements processor's catalog
      # (docs/processors/catalog.md).

      """;
  private static final String REGEX_SPECIALS = "\\.[]{}()*+?^$|";
  /** Before a qualified function name's last part: {@code .}, {@code ::}, {@code /}, {@code )}. */
  private static final String QUALIFIER = "(^|.*[.:/\\\\)])";

  /** The code a rule matches: a function of a file, or the whole file (function null). */
  private record Target(String file, String function) {}

  private record Rule(Set<String> keys, List<Integer> lines) {}

  /** An attribute a rule matches, by a regular expression. */
  private record Attribute(String key, String pattern) {}

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
    for (List<Attribute> attributes : attributeSets(target)) {
      out.append("  - req: [").append(String.join(", ", rule.keys())).append("]\n");
      out.append("    match:\n      match_type: regexp\n      attributes:\n");
      for (Attribute attribute : attributes) {
        out.append("        - { key: ").append(attribute.key()).append(", value: ")
            .append(quoted(attribute.pattern())).append(" }\n");
      }
    }
  }

  /** The attributes that tell a span came from {@code target}'s code, in each form. */
  private static List<List<Attribute>> attributeSets(Target target) {
    String path = "(^|.*/)" + escaped(target.file());
    String function = target.function() == null ? null : escaped(target.function());
    List<List<Attribute>> sets = new ArrayList<>();
    sets.add(function == null ? List.of(new Attribute("code.filepath", path))
        : List.of(new Attribute("code.filepath", path), new Attribute("code.function", function)));
    sets.add(function == null ? List.of(new Attribute("code.file.path", path))
        : List.of(new Attribute("code.file.path", path),
            new Attribute("code.function.name", QUALIFIER + function)));
    String type = jvmClass(target.file());
    if (type != null) {
      String namespace = "(^|.*\\.)" + type;
      sets.add(function == null ? List.of(new Attribute("code.namespace", namespace))
          : List.of(new Attribute("code.namespace", namespace),
              new Attribute("code.function", function)));
      sets.add(List.of(new Attribute("code.function.name",
          namespace + "\\." + (function == null ? "[^.]+" : function))));
    }
    return sets;
  }

  /**
   * The class a JVM source file is named after, as a pattern (Kotlin puts a file's top-level
   * functions in {@code <Name>Kt}); null for other languages.
   */
  private static String jvmClass(String file) {
    String name = file.substring(file.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1);
    String base = escaped(name.substring(0, Math.max(dot, 0)));
    return switch (extension) {
      case "java", "scala" -> base;
      case "kt" -> base + "(Kt)?";
      default -> null;
    };
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
