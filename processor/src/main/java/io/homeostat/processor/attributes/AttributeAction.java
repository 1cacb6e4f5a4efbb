package io.homeostat.processor.attributes;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/**
 * One compiled action. Actions keep matchers and a digest from one record to the next, so each
 * pipeline (one thread) has its own.
 */
interface AttributeAction {

  /** Returns {@code attributes} itself when the action changes nothing, else the changed list. */
  List<KeyValue> apply(List<KeyValue> attributes);
}
