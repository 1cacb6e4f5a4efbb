package io.homeostat.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.net.Endpoint;
import io.homeostat.core.req.Catalog;
import io.homeostat.core.req.Requirement;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.api.ApiDocuments;
import io.homeostat.homeostasis.model.Alert;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.FeedbackIntent;
import io.homeostat.homeostasis.model.Operator;
import io.homeostat.homeostasis.model.ProductionIssue;
import io.homeostat.homeostasis.model.TargetKey;
import io.homeostat.homeostasis.model.TargetState;
import io.homeostat.server.admin.AdminServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiRoutesTest {

  static final Instant T0 = Instant.parse("2026-11-21T10:15:00Z");
  static final Requirement LOGIN = new Requirement("REQ-F-AUTH-001", "Users log in", "INT-101",
      null, null, null, List.of("BR-002"), null, "auth-team");
  static final Evaluation SUCCESS = new Evaluation(new TargetKey(LOGIN.id(), "login_success_rate"),
      "login_success_rate", 0.99, Operator.GTE, 0.98, 0.97, Double.NaN, 1200, 2.02, "warning",
      Duration.ofMinutes(5), null, List.of(), TargetState.FIRING, T0, null, false);
  static final Alert ALERT = new Alert("ALERT-1", "firing", SUCCESS, T0, null, LOGIN,
      "INT-FB-20261121-0001");
  static final ProductionIssue ISSUE = new ProductionIssue("ISS-20261121-0001", LOGIN.id(),
      "error", "0123456789abcdef", "login failed", null, List.of("BR-002"), T0, T0, 3, "high", 2, 1,
      List.of());
  static final FeedbackIntent INTENT = new FeedbackIntent("INT-FB-20261121-0001", "ALERT-1",
      "alert", LOGIN.id(), "login_success_rate is 0.97 ...", "P1", T0, "INT-101",
      Map.of("samples", 1200));

  final HttpClient client = HttpClient.newHttpClient();
  final ApiDocuments api = new ApiDocuments(
      () -> new Catalog(null, Map.of(LOGIN.id(), LOGIN), Map.of(), List.of(), Map.of(), null),
      () -> List.of(SUCCESS), () -> List.of(ALERT), () -> List.of(ISSUE), () -> List.of(INTENT),
      new MetricRegistry());
  AdminServer server;

  @BeforeEach
  void start() throws Exception {
    server = AdminServer.start(Endpoint.parse("127.0.0.1:0"), ApiRoutes.routes(() -> Optional.of(api)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> send(String method, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.address().getPort() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String json(com.fasterxml.jackson.databind.JsonNode document) {
    return new String(ApiDocuments.toBytes(document), StandardCharsets.UTF_8);
  }

  void assertJson(int status, String body, HttpResponse<String> response) {
    assertEquals(List.of(status, "application/json", body), List.of(response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""), response.body()));
  }

  @Test
  void eachEndpointAnswersItsDocument() throws Exception {
    assertJson(200, json(api.requirements()), send("GET", "/api/v1/requirements"));
    assertJson(200, json(api.requirement(LOGIN.id()).orElseThrow()),
        send("GET", "/api/v1/requirements/REQ-F-AUTH-001"));
    assertJson(200, json(api.alerts()), send("GET", "/api/v1/alerts"));
    assertJson(200, json(api.issues()), send("GET", "/api/v1/issues"));
    assertJson(200, json(api.intents()), send("GET", "/api/v1/intents"));
  }

  @Test
  void anUnknownRequirementIsA404WithAJsonError() throws Exception {
    assertJson(404, "{\"error\":\"no requirement 'REQ-NOPE-001': neither the catalog nor a "
        + "target, alert or issue names it; GET /api/v1/requirements lists the requirements\"}",
        send("GET", "/api/v1/requirements/REQ-NOPE-001"));
    assertJson(404, "{\"error\":\"no requirement '': neither the catalog nor a target, alert or "
        + "issue names it; GET /api/v1/requirements lists the requirements\"}",
        send("GET", "/api/v1/requirements/"));
    assertJson(404, "{\"error\":\"no requirement 'REQ-F-AUTH-001/targets': neither the catalog "
        + "nor a target, alert or issue names it; GET /api/v1/requirements lists the "
        + "requirements\"}", send("GET", "/api/v1/requirements/REQ-F-AUTH-001/targets"));
  }

  @Test
  void withoutAHomeostasisSectionEachEndpointSaysSo() throws Exception {
    server.close();
    server = AdminServer.start(Endpoint.parse("127.0.0.1:0"), ApiRoutes.routes(Optional::empty));
    String error = "{\"error\":\"this config has no homeostasis section, so there are no requirements,"
        + " alerts, issues or intents to show; add one (docs/homeostasis/targets.md)\"}";
    for (String path : List.of("/api/v1/requirements", "/api/v1/requirements/REQ-F-AUTH-001",
        "/api/v1/alerts", "/api/v1/issues", "/api/v1/intents")) {
      assertJson(404, error, send("GET", path));
    }
  }

  @Test
  void anEscapedIdIsDecoded() throws Exception {
    assertEquals(200, send("GET", "/api/v1/requirements/REQ%2DF%2DAUTH%2D001").statusCode());
  }

  @Test
  void theApiIsReadOnly() throws Exception {
    HttpResponse<String> post = send("POST", "/api/v1/intents");
    assertEquals(405, post.statusCode());
    assertEquals("GET", post.headers().firstValue("Allow").orElse(""));
  }
}
