package io.homeostat.server.reload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What one reload did, as {@code POST /-/reload} answers it and the log reports it.
 *
 * @param errors each problem of an {@link Outcome#INVALID} config, as {@code file:line:column:
 *     path: message}
 * @param error why a {@link Outcome#FAILED} config could not start, or why the server took no
 *     reload ({@link Outcome#UNAVAILABLE})
 * @param restored for {@link Outcome#FAILED}: whether the previous config runs again
 */
public record ReloadResult(Outcome outcome, Path config, List<String> errors, String error,
    boolean restored) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The ends of a reload. */
  public enum Outcome {
    /** The new config runs. */
    RELOADED(HttpResponseStatus.OK),
    /** The file has errors; the config in force goes on untouched. */
    INVALID(HttpResponseStatus.BAD_REQUEST),
    /** The file passed every check but could not start (a port in use, an unreadable certificate). */
    FAILED(HttpResponseStatus.INTERNAL_SERVER_ERROR),
    /** The server was starting or shutting down and took no reload. */
    UNAVAILABLE(HttpResponseStatus.SERVICE_UNAVAILABLE);

    private final HttpResponseStatus status;

    Outcome(HttpResponseStatus status) {
      this.status = status;
    }

    /** The {@code result} label of {@code homeostat_config_reloads_total}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ReloadResult {
    errors = List.copyOf(errors);
  }

  static ReloadResult reloaded(Path config) {
    return new ReloadResult(Outcome.RELOADED, config, List.of(), null, false);
  }

  static ReloadResult unavailable(Path config, String why) {
    return new ReloadResult(Outcome.UNAVAILABLE, config, List.of(), why, false);
  }

  public HttpResponseStatus httpStatus() {
    return outcome.status;
  }

  /** Whether the config the file holds now runs. */
  public boolean successful() {
    return outcome == Outcome.RELOADED;
  }

  /** What happened and, when it did not work, what to do. */
  public String message() {
    return switch (outcome) {
      case RELOADED -> "config reloaded: the new pipelines run";
      case INVALID -> "config reload refused: the file has errors and the config in force keeps "
          + "running; fix them (homeostat validate --config FILE lists them) and reload again";
      case FAILED -> restored
          ? "config reload failed: the new config could not start; the previous config runs again"
          : "config reload failed: neither the new nor the previous config could start and no "
              + "pipeline runs; fix the config and reload again";
      case UNAVAILABLE -> "config reload not taken: " + error;
    };
  }

  /** The answer's body: {@code status}, {@code config}, {@code message} and the details. */
  public byte[] toJson() {
    ObjectNode body = JSON.createObjectNode();
    body.put("status", outcome.label());
    body.put("config", config.toString());
    body.put("message", message());
    if (outcome == Outcome.INVALID) {
      body.putArray("errors").addAll(errors.stream().map(body::textNode).toList());
    }
    if (outcome == Outcome.FAILED) {
      body.put("error", error);
      body.put("restored", restored);
    }
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
