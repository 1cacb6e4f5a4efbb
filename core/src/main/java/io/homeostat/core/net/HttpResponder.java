package io.homeostat.core.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the one answer to one request. Usable from any thread; headers added with
 * {@link #header} go out with the answer. A second answer is ignored.
 */
public final class HttpResponder {

  private final Channel channel;
  private final boolean keepAlive;
  private final HttpHeaders headers = new DefaultHttpHeaders();
  private final AtomicBoolean sent = new AtomicBoolean();

  HttpResponder(Channel channel, boolean keepAlive) {
    this.channel = channel;
    this.keepAlive = keepAlive;
  }

  /** Adds a header to the answer; call before {@link #respond}. */
  public HttpResponder header(CharSequence name, Object value) {
    headers.add(name, value);
    return this;
  }

  public ChannelFuture respond(HttpResponseStatus status, CharSequence contentType, byte[] body) {
    return respond(status, contentType, Unpooled.wrappedBuffer(body));
  }

  /**
   * Sends the answer, taking ownership of {@code body}. The future completes once the answer is
   * written, so that a server shutting down can wait for answers sent from other threads.
   */
  public ChannelFuture respond(HttpResponseStatus status, CharSequence contentType, ByteBuf body) {
    if (!sent.compareAndSet(false, true)) {
      body.release();
      return channel.newSucceededFuture();
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    response.headers().set(headers);
    if (contentType != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      return channel.writeAndFlush(response);
    }
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
