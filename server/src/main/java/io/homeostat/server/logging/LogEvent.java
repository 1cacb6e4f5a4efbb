package io.homeostat.server.logging;

import java.time.Instant;
import java.util.List;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/**
 * One record on its way to the output, its message already formatted.
 *
 * @param logger the logger's full name
 * @param shortLogger the name the console shows (see {@link LoggerNames#shorten})
 * @param keyValues the fields given with {@code addKeyValue}, in the order given
 * @param error the throwable given with the record, or null
 */
record LogEvent(Instant time, Level level, String logger, String shortLogger, String thread,
    String message, List<KeyValuePair> keyValues, Throwable error) {}
