package io.homeostat.homeostasis.issues;

import com.google.protobuf.ByteString;
import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.req.ReqKeys;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tracker reads from one error record. One instance is filled again for each record, so
 * that a record without an error costs a status or severity check and nothing more.
 */
final class Occurrence {

  /** OTLP severity numbers: ERROR starts at 17, FATAL at 21. */
  static final int SEVERITY_ERROR = 17;
  static final int SEVERITY_FATAL = 21;

  static final String EXCEPTION_EVENT = "exception";
  static final String EXCEPTION_TYPE = "exception.type";
  static final String EXCEPTION_MESSAGE = "exception.message";
  static final String EXCEPTION_STACKTRACE = "exception.stacktrace";
  static final String EXCEPTION_ESCAPED = "exception.escaped";
  static final String ERROR_TYPE = "error.type";
  static final List<String> USER_KEYS = List.of("enduser.id", "user.id");

  final List<String> requirements = new ArrayList<>(2);
  String errorType;
  String message;
  String stackTrace;
  ByteString traceId;
  String userId;
  boolean critical;

  /**
   * Reads {@code span} when it is an error (status ERROR, or an {@code exception} event) that
   * carries a requirement; returns false, having read no more than that, otherwise.
   */
  boolean readSpan(Span span) {
    Span.Event exception = exceptionEvent(span);
    boolean failed = span.getStatus().getCodeValue() == Status.StatusCode.STATUS_CODE_ERROR_VALUE;
    if (!failed && exception == null || !readRequirements(span.getAttributesList())) {
      return false;
    }
    List<KeyValue> event = exception == null ? List.of() : exception.getAttributesList();
    String status = span.getStatus().getMessage();
    message = firstText(KeyValues.getString(event, EXCEPTION_MESSAGE), status, span.getName());
    errorType = errorType(KeyValues.getString(event, EXCEPTION_TYPE),
        KeyValues.getString(span.getAttributesList(), ERROR_TYPE), status);
    stackTrace = KeyValues.getString(event, EXCEPTION_STACKTRACE);
    traceId = span.getTraceId();
    userId = user(span.getAttributesList());
    AnyValue escaped = KeyValues.get(event, EXCEPTION_ESCAPED);
    critical = failed && span.getKind() == Span.SpanKind.SPAN_KIND_SERVER
        && escaped != null && escaped.getBoolValue();
    return true;
  }

  /**
   * Reads {@code log} when it is at ERROR or above and carries a requirement; returns false,
   * having read no more than that, otherwise.
   */
  boolean readLog(LogRecord log) {
    int severity = log.getSeverityNumberValue();
    if (severity < SEVERITY_ERROR || !readRequirements(log.getAttributesList())) {
      return false;
    }
    List<KeyValue> attributes = log.getAttributesList();
    String body = log.hasBody() ? KeyValues.asString(log.getBody()) : "";
    message = firstText(KeyValues.getString(attributes, EXCEPTION_MESSAGE), body, "");
    errorType = errorType(KeyValues.getString(attributes, EXCEPTION_TYPE),
        KeyValues.getString(attributes, ERROR_TYPE), body);
    stackTrace = KeyValues.getString(attributes, EXCEPTION_STACKTRACE);
    traceId = log.getTraceId();
    userId = user(attributes);
    critical = severity >= SEVERITY_FATAL;
    return true;
  }

  private static Span.Event exceptionEvent(Span span) {
    for (int i = 0; i < span.getEventsCount(); i++) {
      Span.Event event = span.getEvents(i);
      if (EXCEPTION_EVENT.equals(event.getName())) {
        return event;
      }
    }
    return null;
  }

  /**
   * The requirement keys in {@code req} (or an alias, where no requirements processor folded
   * it): one key, several in one string, or an array. {@code REQ-UNTAGGED} is no requirement.
   */
  private boolean readRequirements(List<KeyValue> attributes) {
    requirements.clear();
    AnyValue value = KeyValues.get(attributes, ReqKeys.KEY);
    for (int i = 0; value == null && i < ReqKeys.DEFAULT_ALIASES.size(); i++) {
      value = KeyValues.get(attributes, ReqKeys.DEFAULT_ALIASES.get(i));
    }
    if (value == null) {
      return false;
    }
    if (value.hasArrayValue()) {
      value.getArrayValue().getValuesList().forEach(item -> addKeys(KeyValues.asString(item)));
    } else {
      addKeys(KeyValues.asString(value));
    }
    return !requirements.isEmpty();
  }

  private void addKeys(String text) {
    for (String key : ReqKeys.split(text)) {
      if (!key.equals(ReqKeys.UNTAGGED) && !requirements.contains(key)) {
        requirements.add(key);
      }
    }
  }

  /** The record's own type, else the class its message starts with, else {@link ErrorTypes#GENERIC}. */
  private static String errorType(String exceptionType, String errorType, String message) {
    if (exceptionType != null && !exceptionType.isBlank()) {
      return exceptionType;
    }
    if (errorType != null && !errorType.isBlank()) {
      return errorType;
    }
    String named = ErrorTypes.fromMessage(message);
    return named != null ? named : ErrorTypes.GENERIC;
  }

  private static String user(List<KeyValue> attributes) {
    for (int i = 0; i < USER_KEYS.size(); i++) {
      String user = KeyValues.getString(attributes, USER_KEYS.get(i));
      if (user != null && !user.isEmpty()) {
        return user;
      }
    }
    return null;
  }

  private static String firstText(String first, String second, String third) {
    if (first != null && !first.isBlank()) {
      return first;
    }
    return second != null && !second.isBlank() ? second : third;
  }
}
