package io.homeostat.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.net.Endpoint;
import io.homeostat.core.telemetry.MetricRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard at {@code GET /}: served whole, polling the same origin, fetching nothing else. */
class DashboardTest {

  private static AdminServer server;
  private static HttpResponse<String> page;

  @BeforeAll
  static void fetchThePage() throws Exception {
    MetricRegistry registry = new MetricRegistry();
    server = AdminServer.start(Endpoint.parse("127.0.0.1:0"),
        AdminRoutes.defaults(() -> Readiness.READY, List.of(registry::collect)));
    page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.address().getPort() + "/")).build(),
        BodyHandlers.ofString());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theDashboardIsAnHtmlPage() {
    assertEquals(200, page.statusCode());
    assertEquals("text/html; charset=utf-8",
        page.headers().firstValue("Content-Type").orElse(""));
    assertTrue(page.body().startsWith("<!DOCTYPE html>"), page.body());
    assertTrue(page.body().contains("<title>Homeostat</title>"));
  }

  @Test
  void itPollsTheApiReadinessAndMetricsWithRelativeUrls() {
    for (String polled : List.of("'readyz'", "'metrics'", "'api/v1/requirements'",
        "'api/v1/alerts'", "'api/v1/issues'", "'api/v1/intents'")) {
      assertTrue(page.body().contains("get(" + polled), "the page does not poll " + polled);
    }
    assertTrue(page.body().contains("const POLL_MS = 5000;"));
  }

  @Test
  void itStillListsTheAdminEndpoints() {
    for (String link : List.of("healthz", "readyz", "metrics", "api/v1/requirements",
        "api/v1/alerts", "api/v1/issues", "api/v1/intents")) {
      assertTrue(page.body().contains("<a href=\"" + link + "\">/" + link + "</a>"),
          "no link to /" + link);
    }
    assertTrue(page.body().contains("<code>POST /-/reload</code>"));
  }

  @Test
  void itLoadsNothingFromAnotherOrigin() {
    Matcher reference = Pattern.compile("(?i)\\b(?:src|href|action)\\s*=\\s*[\"']?([^\"'\\s>]*)")
        .matcher(page.body());
    int references = 0;
    while (reference.find()) {
      references++;
      String target = reference.group(1);
      assertFalse(target.matches("(?i)(https?:)?//.*"), "an external reference: " + target);
    }
    assertTrue(references >= 7, "found " + references + " src/href attributes");
    assertFalse(Pattern.compile("(?i)@import|url\\(\\s*['\"]?(https?:)?//").matcher(page.body())
        .find(), "the CSS fetches from elsewhere");
  }

  @Test
  void apiTextReachesThePageOnlyAsText() {
    assertFalse(page.body().contains("innerHTML"), "innerHTML would parse API strings as HTML");
    assertFalse(page.body().contains("insertAdjacentHTML"));
    assertFalse(page.body().contains("document.write"));
    assertTrue(page.body().contains("textContent"));
  }
}
