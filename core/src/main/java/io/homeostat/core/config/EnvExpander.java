package io.homeostat.core.config;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Expands environment references in config values, as the OpenTelemetry Collector does:
 * {@code ${VAR}}, {@code ${env:VAR}}, {@code ${env:VAR:-default}}; {@code $$} is a literal
 * {@code $}. A variable that is not set and has no default expands to the empty string with a
 * warning.
 */
public final class EnvExpander {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Function<String, String> environment;

  /** @param environment looks a variable up; returns null when it is not set */
  public EnvExpander(Function<String, String> environment) {
    this.environment = environment;
  }

  public static EnvExpander system() {
    return new EnvExpander(System::getenv);
  }

  /** Expands {@code text}; problems are reported against {@code node}, the scalar it came from. */
  public String expand(String text, ConfigNode node, ConfigProblems problems) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '$' || i + 1 >= text.length()) {
        out.append(c);
        i++;
      } else if (text.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
      } else if (text.charAt(i + 1) == '{') {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          problems.error(node, "unclosed '${' in '" + text + "': write ${VAR} or ${env:VAR:-default}, or $$ for a literal $");
          return text;
        }
        out.append(resolve(text.substring(i + 2, close), node, problems));
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private String resolve(String reference, ConfigNode node, ConfigProblems problems) {
    String body = reference.startsWith("env:") ? reference.substring(4) : reference;
    String name = body;
    String fallback = null;
    int sep = body.indexOf(":-");
    if (sep >= 0) {
      name = body.substring(0, sep);
      fallback = body.substring(sep + 2);
    }
    if (!NAME.matcher(name).matches()) {
      problems.error(node, "unsupported reference '${" + reference
          + "}': write ${VAR}, ${env:VAR} or ${env:VAR:-default} with VAR made of letters, digits and '_'");
      return "";
    }
    String value = environment.apply(name);
    if (value != null) {
      return value;
    }
    if (fallback != null) {
      return fallback;
    }
    problems.warning(node, "environment variable " + name
        + " is not set; using an empty value (set it, or give a default with ${env:" + name + ":-default})");
    return "";
  }
}
