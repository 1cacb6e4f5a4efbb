package io.homeostat.benchmarks.jmh;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.homeostat.benchmarks.load.Payloads;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.pipeline.Signal;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Encoding one export request of 100 items to protobuf, as an exporter does: to a new byte array,
 * and into a reused Netty direct buffer. The request was decoded from bytes, as exporters get it
 * from a receiver; protobuf keeps a message's size once computed, so this measures the writing.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar OtlpEncodeBenchmark -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 *
 * <p>Not final: JMH generates subclasses of benchmark classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OtlpEncodeBenchmark {

  @Param({"TRACES", "METRICS", "LOGS"})
  public Signal signal;

  private Message request;
  private int size;
  private ByteBuf direct;

  @Setup
  public void decode() throws InvalidProtocolBufferException {
    byte[] bytes = Payloads.pool(signal, 1, Payloads.ITEMS_PER_REQUEST, Payloads.SEED).body(0);
    request = OtlpRequests.parser(signal).parseFrom(bytes);
    size = request.getSerializedSize();
    direct = PooledByteBufAllocator.DEFAULT.directBuffer(size);
  }

  @TearDown
  public void release() {
    direct.release();
  }

  @Benchmark
  public byte[] byteArray() {
    return request.toByteArray();
  }

  @Benchmark
  public ByteBuf nettyDirectBuffer() throws IOException {
    direct.clear();
    CodedOutputStream out = CodedOutputStream.newInstance(direct.nioBuffer(0, size));
    request.writeTo(out);
    out.flush();
    return direct.writerIndex(size);
  }
}
