package io.homeostat.benchmarks;

/** Reads values out of a Prometheus text-format scrape (what the admin {@code /metrics} serves). */
final class PrometheusText {

  private PrometheusText() {}

  /**
   * The sum of every series named {@code name} (all label sets), 0 when there is none: a counter
   * the server has not registered yet has counted nothing.
   */
  static double sum(String text, String name) {
    double total = 0;
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      int end = name.length();
      if (line.length() == end || (line.charAt(end) != '{' && line.charAt(end) != ' ')) {
        continue;
      }
      // Label values may hold spaces, but nothing after the labels holds a brace.
      int valueStart = line.charAt(end) == '{' ? line.lastIndexOf('}') + 1 : end;
      String[] rest = line.substring(valueStart).strip().split("\\s+");
      try {
        total += Double.parseDouble(rest[0]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("unreadable sample of " + name + ": '" + line + "'", e);
      }
    }
    return total;
  }
}
