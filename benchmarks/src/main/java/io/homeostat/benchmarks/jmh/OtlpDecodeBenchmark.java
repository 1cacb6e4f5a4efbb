package io.homeostat.benchmarks.jmh;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.homeostat.benchmarks.load.Payloads;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.pipeline.Signal;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
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
 * Decoding one export request of 100 items (the load generator's, about 30 KB for spans) from
 * protobuf: from a byte array as gRPC hands it over, and from a Netty direct buffer and a heap
 * {@link ByteBuffer} through {@link CodedInputStream}, as the HTTP receiver reads a request body.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar OtlpDecodeBenchmark -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 *
 * <p>Not final: JMH generates subclasses of benchmark classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OtlpDecodeBenchmark {

  @Param({"TRACES", "METRICS", "LOGS"})
  public Signal signal;

  private Parser<? extends Message> parser;
  private byte[] bytes;
  private ByteBuffer heap;
  private ByteBuf direct;

  @Setup
  public void encode() {
    parser = OtlpRequests.parser(signal);
    bytes = Payloads.pool(signal, 1, Payloads.ITEMS_PER_REQUEST, Payloads.SEED).body(0);
    heap = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    direct = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
  }

  @TearDown
  public void release() {
    direct.release();
  }

  @Benchmark
  public Message byteArray() throws InvalidProtocolBufferException {
    return parser.parseFrom(bytes);
  }

  @Benchmark
  public Message heapByteBuffer() throws InvalidProtocolBufferException {
    return parser.parseFrom(CodedInputStream.newInstance(heap.duplicate()));
  }

  @Benchmark
  public Message nettyDirectBuffer() throws InvalidProtocolBufferException {
    return parser.parseFrom(CodedInputStream.newInstance(direct.nioBuffer()));
  }
}
