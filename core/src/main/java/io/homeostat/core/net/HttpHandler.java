package io.homeostat.core.net;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/** Answers the requests of one {@link HttpServer}. */
public interface HttpHandler {

  /**
   * Handles one request, on a Netty event-loop thread. The request's body is released when this
   * method returns, so read it here; the answer may be sent later, from any thread.
   */
  void handle(HttpRequest request, HttpResponder responder);

  /**
   * Answers a request whose body grew past the server's limit (after decompression). The rest of
   * the body is read and discarded, so a keep-alive connection stays usable.
   */
  default void bodyTooLarge(HttpRequest head, long limitBytes, HttpResponder responder) {
    responder.respond(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "text/plain; charset=utf-8",
        ("request body exceeds " + limitBytes + " bytes after decompression\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Answers a request whose body could not be read: a corrupt gzip or deflate stream. The
   * connection is closed afterwards, since the rest of the stream cannot be decoded.
   */
  default void malformedBody(HttpRequest head, String reason, HttpResponder responder) {
    responder.respond(HttpResponseStatus.BAD_REQUEST, "text/plain; charset=utf-8",
        ("malformed request body: " + reason + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
