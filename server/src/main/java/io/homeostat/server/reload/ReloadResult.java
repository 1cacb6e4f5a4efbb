package io.homeostat.server.reload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.file.Path;
import java.util.List;

/**
 * What one reload did, as {@code POST /-/reload} answers it.
 *
 * @param errors each problem of an {@link Outcome#INVALID} config, as {@code file:line:column:
 *     path: message}
 * @param error why a {@link Outcome#FAILED} config could not start
 * @param restored for {@link Outcome#FAILED}: whether the previous config runs again
 */
public record ReloadResult(Outcome outcome, Path config, List<String> errors, String error,
    boolean restored) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The four ends of a reload. */
  public enum Outcome {
    /** The new config runs. */
    RELOADED(HttpResponseStatus.OK),
    /** The file would run the same pipelines; nothing was restarted. */
    UNCHANGED(HttpResponseStatus.OK),
    /** The file has errors; the config in force goes on untouched. */
    INVALID(HttpResponseStatus.BAD_REQUEST),
    /** The file passed every check but could not start (a port in use, say). */
    FAILED(HttpResponseStatus.INTERNAL_SERVER_ERROR);

    private final HttpResponseStatus status;

    Outcome(HttpResponseStatus status) {
      this.status = status;
    }

    /** The {@code result} label of {@code homeostat_config_reloads_total}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ReloadResult {
    errors = List.copyOf(errors);
  }

  static ReloadResult of(Outcome outcome, Path config) {
    return new ReloadResult(outcome, config, List.of(), null, false);
  }

  public HttpResponseStatus httpStatus() {
    return outcome.status;
  }

  /** The answer's body: {@code status}, {@code config}, and what to do when it did not work. */
  public byte[] toJson() {
    ObjectNode body = JSON.createObjectNode();
    body.put("status", outcome.label());
    body.put("config", config.toString());
    switch (outcome) {
      case RELOADED -> body.put("message", "the new config runs");
      case UNCHANGED -> body.put("message", "the file runs the same pipelines; nothing was restarted");
      case INVALID -> {
        body.putArray("errors").addAll(errors.stream().map(body::textNode).toList());
        body.put("message", "the config in force keeps running; fix the errors and reload again");
      }
      case FAILED -> {
        body.put("error", error);
        body.put("restored", restored);
        body.put("message", restored
            ? "the new config could not start; the previous config runs again"
            : "neither the new nor the previous config could start and no pipeline runs; "
                + "fix the config and reload again");
      }
    }
    try {
      return JSON.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
