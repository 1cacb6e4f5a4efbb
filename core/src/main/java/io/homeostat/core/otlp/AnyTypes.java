package io.homeostat.core.otlp;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Timestamp;
import com.google.protobuf.TypeRegistry;
import com.google.rpc.ErrorDetailsProto;
import com.google.rpc.Status;

/**
 * The message types a {@code google.protobuf.Any} may hold in OTLP/JSON: {@code google.rpc.Status}
 * and its standard error details (RetryInfo, BadRequest, ErrorInfo, ...), plus the well-known types
 * their files import. An Any's JSON form names its type, so unknown types cannot be read or written.
 */
final class AnyTypes {

  /** Field numbers of {@code google.protobuf.Any}. */
  static final int TYPE_URL_NUMBER = 1;
  static final int VALUE_NUMBER = 2;

  private static final TypeRegistry REGISTRY =
      TypeRegistry.newBuilder()
          .add(Status.getDescriptor())
          .add(ErrorDetailsProto.getDescriptor().getMessageTypes())
          .add(Timestamp.getDescriptor())
          .build();

  private AnyTypes() {}

  /** The type a type URL ({@code type.googleapis.com/google.rpc.RetryInfo}) names, or null. */
  static Descriptor find(String typeUrl) {
    return REGISTRY.find(typeUrl.substring(typeUrl.lastIndexOf('/') + 1));
  }
}
