package io.homeostat.benchmarks.jmh;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.homeostat.benchmarks.load.Payloads;
import io.homeostat.core.otlp.OtlpJson;
import io.homeostat.core.otlp.OtlpJsonException;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.pipeline.Signal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * OTLP/JSON with {@link OtlpJson}: decoding one export request of 100 items, as the HTTP receiver
 * does for {@code application/json}, and encoding it, as the file exporter and the OTLP/HTTP
 * exporter's JSON encoding do, to a new array and into a reused stream. Compare with
 * {@link OtlpDecodeBenchmark} and {@link OtlpEncodeBenchmark} for protobuf.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar OtlpJsonBenchmark -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 *
 * <p>Not final: JMH generates subclasses of benchmark classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OtlpJsonBenchmark {

  @Param({"TRACES", "METRICS", "LOGS"})
  public Signal signal;

  private Message request;
  private byte[] json;
  private ByteArrayOutputStream reused;

  @Setup
  public void encode() throws InvalidProtocolBufferException {
    byte[] protobuf = Payloads.pool(signal, 1, Payloads.ITEMS_PER_REQUEST, Payloads.SEED).body(0);
    request = OtlpRequests.parser(signal).parseFrom(protobuf);
    json = OtlpJson.encode(request);
    reused = new ByteArrayOutputStream(json.length);
  }

  @Benchmark
  public Message decode() throws OtlpJsonException {
    return OtlpJson.decodeRequest(signal, new ByteArrayInputStream(json));
  }

  @Benchmark
  public byte[] encodeToArray() {
    return OtlpJson.encode(request);
  }

  @Benchmark
  public int encodeToReusedStream() throws IOException {
    reused.reset();
    OtlpJson.encode(request, reused);
    return reused.size();
  }
}
