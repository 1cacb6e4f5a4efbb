package io.homeostat.core.net;

import io.homeostat.core.component.Deadline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 listener shared by the OTLP/HTTP receiver, the admin endpoint and the Prometheus
 * scrape endpoint: Netty with epoll where the native transport loads (NIO otherwise), request
 * bodies decompressed as they stream in (gzip, deflate) and aggregated up to a limit that applies
 * after decompression, so that a small gzip bomb is cut off at the limit.
 */
public final class HttpServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  /**
   * @param name what the listener serves, for thread names and messages (such as
   *     {@code receivers.otlp http})
   * @param endpoint where to listen; port 0 picks a free port
   * @param maxBodyBytes the largest request body accepted, after decompression
   * @param decompress whether to decompress bodies sent with a {@code Content-Encoding}
   * @param threads event-loop threads; 0 for one per core
   */
  public record Options(String name, Endpoint endpoint, int maxBodyBytes, boolean decompress,
      int threads) {}

  private final Options options;
  private final EventLoopGroup group;
  private final Channel channel;

  private HttpServer(Options options, EventLoopGroup group, Channel channel) {
    this.options = options;
    this.group = group;
    this.channel = channel;
  }

  /**
   * Binds and starts serving. Throws {@link IOException} whose message names the listener and the
   * endpoint when the address cannot be bound.
   */
  public static HttpServer start(Options options, HttpHandler handler) throws IOException {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> channelType =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.threads(),
        new DefaultThreadFactory(threadPrefix(options.name()), true), io);
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(group)
        .channel(channelType)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            p.addLast(new HttpServerCodec());
            p.addLast(new HeadTracker());
            if (options.decompress()) {
              p.addLast(new HttpContentDecompressor(false, 0));
            }
            p.addLast(new LimitedAggregator(options.maxBodyBytes(), handler));
            p.addLast(new Dispatcher(handler));
          }
        });
    try {
      Channel channel = bootstrap.bind(options.endpoint().toSocketAddress()).sync().channel();
      return new HttpServer(options, group, channel);
    } catch (Exception e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      String why = addressUnavailable(e)
          ? "the address is in use or not available on this host" : String.valueOf(e);
      throw new IOException("cannot listen on " + options.endpoint() + " for " + options.name()
          + ": " + why + " (change its endpoint, or stop what holds the port)", e);
    }
  }

  /**
   * NIO reports a busy or foreign address as a {@link BindException}; the epoll transport as a
   * native error whose message carries the OS's words.
   */
  private static boolean addressUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof BindException || message.contains("Address already in use")
          || message.contains("Cannot assign requested address")) {
        return true;
      }
    }
    return false;
  }

  /** The address actually bound (the real port when the endpoint asked for port 0). */
  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** Stops accepting connections; requests under way get until {@code deadline} to finish. */
  public void shutdown(Deadline deadline) {
    channel.close().awaitUninterruptibly(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
    group.shutdownGracefully(0, Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(deadline.remainingNanos() + 100_000_000L, TimeUnit.NANOSECONDS);
    log.atDebug().addKeyValue("listener", options.name()).log("stopped listening");
  }

  @Override
  public void close() {
    shutdown(Deadline.in(java.time.Duration.ofSeconds(1)));
  }

  private static String threadPrefix(String name) {
    return "http-" + name.replaceAll("[^A-Za-z0-9]+", "-");
  }

  /** Aggregates a request's body up to the limit; past it, lets the handler answer 413. */
  private static final class LimitedAggregator extends HttpObjectAggregator {
    private final HttpHandler handler;
    private final int limit;

    LimitedAggregator(int limit, HttpHandler handler) {
      super(limit, true);
      this.limit = limit;
      this.handler = handler;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      if (!(oversized instanceof io.netty.handler.codec.http.HttpRequest request)) {
        ctx.close();
        return;
      }
      // As Netty's own aggregator does: on a keep-alive connection the rest of the body is read
      // and discarded, so the client reads the answer instead of a reset; a client that waits
      // for 100-continue has sent no body, and its connection is closed.
      boolean keepAlive = HttpUtil.isKeepAlive(request) && !HttpUtil.is100ContinueExpected(request);
      handler.bodyTooLarge(head(request), limit, new HttpResponder(ctx.channel(), keepAlive));
    }
  }

  private static HttpRequest head(io.netty.handler.codec.http.HttpRequest request) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    return new HttpRequest(request.method(), uri.path(), uri.rawQuery(), request.headers(),
        Unpooled.EMPTY_BUFFER);
  }

  private static final io.netty.util.AttributeKey<io.netty.handler.codec.http.HttpRequest> CURRENT =
      io.netty.util.AttributeKey.valueOf("homeostat.http.current-request");

  /** Remembers the request being read, so that a body that fails to decode can be answered. */
  private static final class HeadTracker extends io.netty.channel.ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof io.netty.handler.codec.http.HttpRequest request) {
        ctx.channel().attr(CURRENT).set(request);
      }
      ctx.fireChannelRead(msg);
    }
  }

  private static final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final HttpHandler handler;

    Dispatcher(HttpHandler handler) {
      this.handler = handler;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      QueryStringDecoder uri = new QueryStringDecoder(request.uri());
      boolean wellFormed = request.decoderResult().isSuccess();
      HttpResponder responder =
          new HttpResponder(ctx.channel(), wellFormed && HttpUtil.isKeepAlive(request));
      if (!wellFormed) {
        responder.respond(io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST,
            "text/plain; charset=utf-8", ("malformed HTTP request: " + request.decoderResult().cause()
                + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return;
      }
      handler.handle(new HttpRequest(request.method(), uri.path(), uri.rawQuery(),
          request.headers(), request.content()), responder);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      io.netty.handler.codec.http.HttpRequest current = ctx.channel().attr(CURRENT).getAndSet(null);
      if (cause instanceof io.netty.handler.codec.DecoderException && current != null
          && ctx.channel().isActive()) {
        Throwable reason = cause.getCause() != null ? cause.getCause() : cause;
        handler.malformedBody(head(current), String.valueOf(reason.getMessage()),
            new HttpResponder(ctx.channel(), false));
        return;
      }
      log.atDebug().addKeyValue("remote", ctx.channel().remoteAddress())
          .addKeyValue("error", String.valueOf(cause)).log("closing HTTP connection after an error");
      ctx.close();
    }
  }
}
