package io.homeostat.server.logging;

/** How the console shows a logger's name: short, yet still telling where a line comes from. */
final class LoggerNames {

  private static final String OWN_PREFIX = "io.homeostat.";

  private LoggerNames() {}

  /**
   * Our own loggers lose the common {@code io.homeostat.} prefix
   * ({@code exporter.otlp.OtlpExporter}); third-party ones keep their last segment whole and the
   * first letter of each package ({@code i.g.i.ManagedChannelImpl}), as Logback abbreviates.
   */
  static String shorten(String name) {
    if (name.startsWith(OWN_PREFIX) && name.length() > OWN_PREFIX.length()) {
      return name.substring(OWN_PREFIX.length());
    }
    int last = name.lastIndexOf('.');
    if (last < 0) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length());
    int start = 0;
    while (start <= last) {
      int dot = name.indexOf('.', start);
      if (dot > start) {
        out.append(name.charAt(start));
      }
      out.append('.');
      start = dot + 1;
    }
    return out.append(name, last + 1, name.length()).toString();
  }
}
