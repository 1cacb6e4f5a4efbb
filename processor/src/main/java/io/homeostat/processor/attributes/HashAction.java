package io.homeostat.processor.attributes;

import io.homeostat.core.otlp.KeyValues;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code hash}: replaces each value it names with the lower-case hex SHA-256 of the value's bytes,
 * the bytes the Collector hashes, so that both give the same hash for the same value: text as
 * UTF-8, a boolean as one byte (1 or 0), an integer as 8 bytes little-endian, a double as the 8
 * little-endian bytes of its IEEE 754 form, bytes as they are. Empty text stays empty, and arrays
 * and maps, which the Collector does not hash, become empty text: their content is hidden all the
 * same.
 */
final class HashAction implements AttributeAction {

  private static final HexFormat HEX = HexFormat.of();

  private final AttributeNames names;
  private final MessageDigest sha256;
  private final ByteBuffer number = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);

  HashAction(AttributeNames names) {
    this.names = names;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public List<KeyValue> apply(List<KeyValue> attributes) {
    List<KeyValue> out = null;
    for (int i = 0; i < attributes.size(); i++) {
      KeyValue attribute = attributes.get(i);
      if (!names.selects(attribute.getKey())) {
        if (out != null) {
          out.add(attribute);
        }
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(attributes.size());
        out.addAll(attributes.subList(0, i));
      }
      out.add(attribute.toBuilder().setValue(KeyValues.string(hash(attribute.getValue()))).build());
    }
    return out == null ? attributes : out;
  }

  String hash(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE -> {
        if (value.getStringValue().isEmpty()) {
          return "";
        }
        sha256.update(value.getStringValue().getBytes(StandardCharsets.UTF_8));
      }
      case BOOL_VALUE -> sha256.update((byte) (value.getBoolValue() ? 1 : 0));
      case INT_VALUE -> sha256.update(number.clear().putLong(value.getIntValue()).array());
      case DOUBLE_VALUE -> sha256.update(
          number.clear().putLong(Double.doubleToRawLongBits(value.getDoubleValue())).array());
      case BYTES_VALUE -> {
        if (value.getBytesValue().isEmpty()) {
          return "";
        }
        sha256.update(value.getBytesValue().asReadOnlyByteBuffer());
      }
      default -> {
        return "";
      }
    }
    return HEX.formatHex(sha256.digest());
  }
}
