package io.homeostat.server.logging;

/** Turns one record into the bytes of its line (and, for the console, its stack trace). */
interface LineEncoder {

  /** The whole record, ending with a newline, so that it goes out in one write. */
  byte[] encode(LogEvent event);
}
