package io.homeostat.core.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The codec is generic over protobuf: map keys of every kind, 32-bit floats and unsigned ints,
 * closed enums and dynamic messages work as the proto3 JSON mapping says, though OTLP itself has
 * none of them.
 */
class OtlpJsonGenericMessagesTest {

  private static final Descriptor SAMPLE = sampleType();

  @Test
  void writesAndReadsMapsWithIntegerAndBoolKeysFloatsAndUnsignedInts() throws IOException {
    String json = "{\"byInt\":{\"-5\":\"a\",\"7\":\"b\"},\"byUint64\":{\"18446744073709551615\":\"max\"},"
        + "\"byBool\":{\"true\":\"yes\",\"false\":\"no\"},\"ratio\":1.5,\"count\":4294967295,\"color\":2}";

    Message message = decode(json);

    assertEquals(json, new String(OtlpJson.encode(message), StandardCharsets.UTF_8));
    assertEquals(message, decode("{\"by_int\":{\"-5\":\"a\",\"7\":\"b\"},\"by_uint64\":{\"18446744073709551615\":\"max\"},"
        + "\"by_bool\":{\"true\":\"yes\",\"false\":\"no\"},\"ratio\":\"1.5\",\"count\":\"4294967295\",\"color\":\"BLUE\"}"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"byInt\":{\"x\":\"a\"}}        | byInt[\"x\"]: expected an integer (int32) map key, got \"x\" (line 1, column 11)",
    "{\"byInt\":{\"2147483648\":\"a\"}} | byInt[\"2147483648\"]: \"2147483648\" is out of range for int32 (line 1, column 11)",
    "{\"byBool\":{\"yes\":\"a\"}}      | byBool[\"yes\"]: expected a map key true or false, got \"yes\" (line 1, column 12)",
    "{\"ratio\":1e39}                 | ratio: 1e39 is out of range for float (line 1, column 10)",
    "{\"count\":-1}                   | count: -1 is out of range for uint32 (line 1, column 10)",
    "{\"color\":7}                    | color: expected a number or name of generic.Color, got 7 (line 1, column 10)",
  })
  void saysWhatIsWrongWithGenericFields(String json, String message) {
    OtlpJsonException e = assertThrows(OtlpJsonException.class, () -> decode(json));
    assertEquals(message, e.getMessage());
  }

  private static Message decode(String json) throws IOException {
    return OtlpJson.decode(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        DynamicMessage.getDefaultInstance(SAMPLE));
  }

  /** A proto2 file (so that its enum is closed) with maps keyed by int32, uint64 and bool. */
  private static Descriptor sampleType() {
    DescriptorProto sample = DescriptorProto.newBuilder()
        .setName("Sample")
        .addNestedType(mapEntry("ByIntEntry", Type.TYPE_INT32))
        .addNestedType(mapEntry("ByUint64Entry", Type.TYPE_UINT64))
        .addNestedType(mapEntry("ByBoolEntry", Type.TYPE_BOOL))
        .addField(field("by_int", 1, Type.TYPE_MESSAGE, Label.LABEL_REPEATED).setTypeName(".generic.Sample.ByIntEntry"))
        .addField(field("by_uint64", 2, Type.TYPE_MESSAGE, Label.LABEL_REPEATED).setTypeName(".generic.Sample.ByUint64Entry"))
        .addField(field("by_bool", 3, Type.TYPE_MESSAGE, Label.LABEL_REPEATED).setTypeName(".generic.Sample.ByBoolEntry"))
        .addField(field("ratio", 4, Type.TYPE_FLOAT, Label.LABEL_OPTIONAL))
        .addField(field("count", 5, Type.TYPE_FIXED32, Label.LABEL_OPTIONAL))
        .addField(field("color", 6, Type.TYPE_ENUM, Label.LABEL_OPTIONAL).setTypeName(".generic.Color"))
        .build();
    EnumDescriptorProto color = EnumDescriptorProto.newBuilder()
        .setName("Color")
        .addValue(EnumValueDescriptorProto.newBuilder().setName("RED").setNumber(1))
        .addValue(EnumValueDescriptorProto.newBuilder().setName("BLUE").setNumber(2))
        .build();
    FileDescriptorProto file = FileDescriptorProto.newBuilder()
        .setName("generic.proto")
        .setPackage("generic")
        .setSyntax("proto2")
        .addMessageType(sample)
        .addEnumType(color)
        .build();
    try {
      return FileDescriptor.buildFrom(file, new FileDescriptor[0]).findMessageTypeByName("Sample");
    } catch (DescriptorValidationException e) {
      throw new AssertionError(e);
    }
  }

  private static DescriptorProto mapEntry(String name, Type keyType) {
    return DescriptorProto.newBuilder()
        .setName(name)
        .addField(field("key", 1, keyType, Label.LABEL_OPTIONAL))
        .addField(field("value", 2, Type.TYPE_STRING, Label.LABEL_OPTIONAL))
        .setOptions(MessageOptions.newBuilder().setMapEntry(true))
        .build();
  }

  private static FieldDescriptorProto.Builder field(String name, int number, Type type, Label label) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type).setLabel(label);
  }
}
