package io.homeostat.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.net.Endpoint;
import io.homeostat.core.telemetry.MetricRegistry;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {

  private final MetricRegistry registry = new MetricRegistry();
  private final AtomicReference<Readiness> readiness = new AtomicReference<>(Readiness.STARTING);
  private final HttpClient client = HttpClient.newHttpClient();
  private AdminServer server;

  @BeforeEach
  void start() throws IOException {
    registry.counter("homeostat_receiver_accepted_spans_total", "Spans accepted.",
        "receiver", "otlp", "transport", "grpc").add(3);
    registry.gauge("homeostat_exporter_queue_size", "Items waiting in the exporter's queue.",
        () -> 7, "exporter", "otlp/\"tempo\"\\\n");
    List<Route> routes = new ArrayList<>(AdminRoutes.defaults(readiness::get,
        List.of(registry::collect)));
    routes.add(Route.prefix(HttpMethod.GET, "/api/v1/", (request, responder) ->
        responder.respond(HttpResponseStatus.OK, "text/plain",
            ("api " + request.path()).getBytes(StandardCharsets.UTF_8))));
    routes.add(Route.exact(HttpMethod.POST, "/-/reload", (request, responder) ->
        responder.respond(HttpResponseStatus.OK, "text/plain",
            "reloaded".getBytes(StandardCharsets.UTF_8))));
    routes.add(Route.exact(HttpMethod.GET, "/broken", (request, responder) -> {
      throw new IllegalStateException("no state");
    }));
    server = AdminServer.start(Endpoint.parse("127.0.0.1:0"), routes);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.address().getPort() + path))
        .method(method, BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    return send("GET", path, headers);
  }

  private static String contentType(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  @Test
  void healthzIsOkWhileTheProcessRuns() throws Exception {
    HttpResponse<String> health = get("/healthz");
    assertEquals(200, health.statusCode());
    assertEquals("{\"status\":\"ok\"}", health.body());
    assertEquals("application/json", contentType(health));
  }

  @Test
  void readyzFollowsTheReadinessState() throws Exception {
    HttpResponse<String> starting = get("/readyz");
    assertEquals(503, starting.statusCode());
    assertEquals("{\"status\":\"starting\"}", starting.body());

    readiness.set(Readiness.READY);
    HttpResponse<String> ready = get("/readyz");
    assertEquals(200, ready.statusCode());
    assertEquals("{\"status\":\"ready\"}", ready.body());

    readiness.set(Readiness.STOPPING);
    HttpResponse<String> stopping = get("/readyz");
    assertEquals(503, stopping.statusCode());
    assertEquals("{\"status\":\"stopping\"}", stopping.body());
    assertEquals("application/json", contentType(stopping));
  }

  @Test
  void metricsAreThePrometheusTextFormat() throws Exception {
    HttpResponse<String> metrics = get("/metrics");
    assertEquals(200, metrics.statusCode());
    assertEquals("text/plain; version=0.0.4; charset=utf-8", contentType(metrics));
    assertEquals("""
        # HELP homeostat_exporter_queue_size Items waiting in the exporter's queue.
        # TYPE homeostat_exporter_queue_size gauge
        homeostat_exporter_queue_size{exporter="otlp/\\"tempo\\"\\\\\\n"} 7.0
        # HELP homeostat_receiver_accepted_spans_total Spans accepted.
        # TYPE homeostat_receiver_accepted_spans_total counter
        homeostat_receiver_accepted_spans_total{receiver="otlp",transport="grpc"} 3.0
        """, metrics.body());
    assertTrue(!metrics.body().contains("_total_total"), metrics.body());
  }

  @Test
  void metricsAreOpenMetricsWhenTheScraperAsks() throws Exception {
    HttpResponse<String> metrics = get("/metrics", "Accept",
        "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
    assertEquals(200, metrics.statusCode());
    assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
        contentType(metrics));
    assertEquals("""
        # TYPE homeostat_exporter_queue_size gauge
        # HELP homeostat_exporter_queue_size Items waiting in the exporter's queue.
        homeostat_exporter_queue_size{exporter="otlp/\\"tempo\\"\\\\\\n"} 7.0
        # TYPE homeostat_receiver_accepted_spans counter
        # HELP homeostat_receiver_accepted_spans Spans accepted.
        homeostat_receiver_accepted_spans_total{receiver="otlp",transport="grpc"} 3.0
        # EOF
        """, metrics.body());
  }

  @Test
  void metricsReadTheRegistryAtEachScrape() throws Exception {
    registry.counter("homeostat_receiver_accepted_spans_total", "Spans accepted.",
        "receiver", "otlp", "transport", "grpc").add(2);
    assertTrue(get("/metrics").body().contains(
        "homeostat_receiver_accepted_spans_total{receiver=\"otlp\",transport=\"grpc\"} 5.0\n"));
  }

  @Test
  void theDashboardLinksTheEndpoints() throws Exception {
    HttpResponse<String> index = get("/");
    assertEquals(200, index.statusCode());
    assertEquals("text/html; charset=utf-8", contentType(index));
    for (String link : List.of("healthz", "readyz", "metrics")) {
      assertTrue(index.body().contains("<a href=\"" + link + "\">/" + link + "</a>"),
          index.body());
    }
  }

  @Test
  void anUnknownPathIs404() throws Exception {
    HttpResponse<String> missing = get("/nope");
    assertEquals(404, missing.statusCode());
    assertEquals("no admin endpoint at /nope; / lists them\n", missing.body());
    assertEquals(404, get("/healthz/").statusCode());
  }

  @Test
  void anotherMethodOnAKnownPathIs405WithAllow() throws Exception {
    HttpResponse<String> post = send("POST", "/healthz");
    assertEquals(405, post.statusCode());
    assertEquals("GET", post.headers().firstValue("Allow").orElseThrow());
    assertEquals("/healthz answers GET, not POST\n", post.body());

    assertEquals(405, send("DELETE", "/metrics").statusCode());
    assertEquals(405, send("PUT", "/readyz").statusCode());
    assertEquals(405, send("POST", "/").statusCode());
    HttpResponse<String> getReload = get("/-/reload");
    assertEquals(405, getReload.statusCode());
    assertEquals("POST", getReload.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void addedRoutesAreServedBesideTheDefaults() throws Exception {
    HttpResponse<String> api = get("/api/v1/alerts");
    assertEquals(200, api.statusCode());
    assertEquals("api /api/v1/alerts", api.body());
    assertEquals("reloaded", send("POST", "/-/reload").body());
    assertEquals(404, get("/api/v2/alerts").statusCode());
  }

  @Test
  void aFailingHandlerIs500AndTheServerGoesOn() throws Exception {
    HttpResponse<String> broken = get("/broken");
    assertEquals(500, broken.statusCode());
    assertEquals("internal error: java.lang.IllegalStateException: no state"
        + " (the server log has the details)\n", broken.body());
    assertEquals(200, get("/healthz").statusCode());
  }

  @Test
  void aBodyPastTheLimitIs413() throws Exception {
    HttpResponse<String> big = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.address().getPort() + "/-/reload"))
        .POST(BodyPublishers.ofByteArray(new byte[AdminServer.MAX_BODY_BYTES + 1])).build(),
        BodyHandlers.ofString());
    assertEquals(413, big.statusCode());
  }

  @Test
  void twoRoutesForOneMethodAndPathAreRefused() {
    Route health = Route.exact(HttpMethod.GET, "/healthz", (request, responder) -> {});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AdminServer.start(Endpoint.parse("127.0.0.1:0"), List.of(health, health)));
    assertEquals("two admin routes for GET /healthz: each method and path takes one handler",
        e.getMessage());
  }

  @Test
  void aRoutePathMustStartWithASlash() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Route.prefix(HttpMethod.GET, "api/v1", (request, responder) -> {}));
    assertEquals("a route's path must start with '/', was 'api/v1'", e.getMessage());
  }
}
