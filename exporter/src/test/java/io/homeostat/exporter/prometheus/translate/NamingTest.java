package io.homeostat.exporter.prometheus.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Metric and label names, with the Collector translator's own examples among them. */
class NamingTest {

  private static final MetricNamer SUFFIXED = new MetricNamer("", true);

  @ParameterizedTest(name = "{0} [{1}] as {2} -> {3}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      system.filesystem.usage          | By             | gauge     | system_filesystem_usage_bytes
      system.io                        | By             | counter   | system_io_bytes_total
      network_transmitted_bytes_total  | By             | counter   | network_transmitted_bytes_total
      "\t system.filesystem.usage   "  | "  By\t"       | gauge     | system_filesystem_usage_bytes
      system.network.dropped           | {packets}      | gauge     | system_network_dropped
      system.network.dropped           | {packets}      | counter   | system_network_dropped_total
      system.network.packets.dropped   | packets        | gauge     | system_network_packets_dropped
      hw.gpu.memory.utilization        | 1              | gauge     | hw_gpu_memory_utilization_ratio
      hw.fan.speed_ratio               | 1              | gauge     | hw_fan_speed_ratio
      objects                          | 1              | counter   | objects_total
      queue.fill                       | 1              | updown    | queue_fill
      http.server.duration             | ms             | histogram | http_server_duration_milliseconds
      login_latency_ms                 | ms             | histogram | login_latency_ms_milliseconds
      rpc.duration                     | s              | summary   | rpc_duration_seconds
      system.disk.operation_time       | s              | counter   | system_disk_operation_time_seconds_total
      astro.light.speed_limit          | m/s            | gauge     | astro_light_speed_limit_meters_per_second
      mongodbatlas.process.asserts     | {assertions}/s | gauge     | mongodbatlas_process_asserts_per_second
      mongodbatlas.process.network.io  | By/s           | gauge     | mongodbatlas_process_network_io_bytes_per_second
      mongodbatlas.process.oplog.rate  | GiBy/h         | gauge     | mongodbatlas_process_oplog_rate_gibibytes_per_hour
      broken.metric.speed              | km/h           | gauge     | broken_metric_speed_km_per_hour
      cache.hit                        | %              | gauge     | cache_hit_percent
      crypto.bitcoin.value.dollars     | $              | gauge     | crypto_bitcoin_value_dollars
      hw.cpu.speed_limit               | Hz             | gauge     | hw_cpu_speed_limit_hertz
      memory.usage                     | KiBy           | gauge     | memory_usage_kibibytes
      redis.latest_fork                | us             | gauge     | redis_latest_fork_microseconds
      temperature                      | °F             | gauge     | temperature_F
      3.14 digits                      | ""             | gauge     | _3_14_digits
      :foo::bar                        | ""             | counter   | foo_bar_total
      envoy__rule_engine_zlib_buf_error | ""            | gauge     | envoy_rule_engine_zlib_buf_error
      requests.total.count             | ""             | counter   | requests_count_total
      café.orders                      | ""             | counter   | caf_orders_total
      ...                              | s              | gauge     | ""
      ""                               | ""             | counter   | ""
      """)
  void withSuffixes(String name, String unit, String type, String expected) {
    assertEquals(expected, SUFFIXED.name(name, unit, kind(type), type.equals("gauge")));
  }

  @ParameterizedTest(name = "{0} [{1}] as {2} -> {3}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      system.io                        | By             | counter   | system_io
      network (I/O)                    | By             | counter   | network_I_O
      3.14 digits                      | By             | gauge     | _3_14_digits
      envoy__rule_engine_zlib_buf_error | ""            | gauge     | envoy__rule_engine_zlib_buf_error
      :foo::bar                        | ""             | counter   | :foo::bar
      hw.gpu.memory.utilization        | 1              | gauge     | hw_gpu_memory_utilization
      "--"                             | ""             | gauge     | ""
      """)
  void withoutSuffixesOnlyForbiddenCharactersGo(String name, String unit, String type,
      String expected) {
    assertEquals(expected, new MetricNamer("", false).name(name, unit, kind(type),
        type.equals("gauge")));
  }

  @Test
  void theNamespaceComesFirstAndSavesANameFromItsLeadingDigit() {
    MetricNamer suffixed = new MetricNamer("homeostat", true);
    assertEquals("homeostat_http_requests_total",
        suffixed.name("http.requests", "{request}", Kind.COUNTER, false));
    assertEquals("homeostat_3xx_responses", suffixed.name("3xx.responses", "", Kind.GAUGE, true));
    assertEquals("homeostat_target_info", suffixed.targetInfo());
    MetricNamer plain = new MetricNamer("system", false);
    assertEquals("system_network_io", plain.name("network.io", "By", Kind.COUNTER, false));
    assertEquals("system_3xx", plain.name("3xx", "", Kind.GAUGE, true));
    assertEquals("target_info", SUFFIXED.targetInfo());
  }

  @Test
  void aMetricIsNamedByItsTypeAndUnit() {
    assertEquals("queue_depth_ratio", SUFFIXED.name(OtlpMetrics.gauge("queue.depth", "1")));
    assertEquals("queue_depth", SUFFIXED.name(OtlpMetrics.sum("queue.depth", "1", false,
        OtlpMetrics.CUMULATIVE)));
    assertEquals("orders_total", SUFFIXED.name(OtlpMetrics.counter("orders", "{order}")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      req                | req
      http.method        | http_method
      service.instance.id | service_instance_id
      a-b/c              | a_b_c
      a..b               | a__b
      1abc               | key_1abc
      _tenant            | key_tenant
      __tenant           | key__tenant
      __name__           | key__name__
      ünïcode            | key_n_code
      ""                 | ""
      """)
  void labelNames(String key, String expected) {
    assertEquals(expected, LabelNamer.name(key));
  }

  @Test
  void validLabelNamesAreThoseThatNeedNoChangeAndAreNotReserved() {
    assertTrue(LabelNamer.isValid("environment"));
    assertTrue(LabelNamer.isValid("_x"));
    assertFalse(LabelNamer.isValid("__x"));
    assertFalse(LabelNamer.isValid("1x"));
    assertFalse(LabelNamer.isValid("a-b"));
    assertFalse(LabelNamer.isValid(""));
  }

  private static Kind kind(String type) {
    return switch (type) {
      case "gauge", "updown" -> Kind.GAUGE;
      case "counter" -> Kind.COUNTER;
      case "histogram" -> Kind.HISTOGRAM;
      case "summary" -> Kind.SUMMARY;
      default -> throw new IllegalArgumentException(type);
    };
  }
}
