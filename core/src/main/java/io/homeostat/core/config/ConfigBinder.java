package io.homeostat.core.config;

import io.homeostat.core.config.ConfigNode.ListNode;
import io.homeostat.core.config.ConfigNode.MapNode;
import io.homeostat.core.config.ConfigNode.ScalarNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Binds {@link ConfigNode}s onto config records, the way the OpenTelemetry Collector unmarshals
 * YAML onto a component's default config: keys the YAML leaves out keep their default.
 *
 * <p>Every problem goes to {@link ConfigProblems} with its path and location, and binding goes on,
 * so that one pass reports them all: unknown keys (with the closest valid key), values of the
 * wrong type, constructor checks, and {@link Validatable#validate}.
 *
 * <p>Supported types: records (keys are the component names in snake case unless
 * {@link ConfigKey} says otherwise), {@code String}, {@code boolean}, {@code int}, {@code long},
 * {@code double} and their boxes, {@link Duration} (see {@link Durations}), {@link Pattern},
 * enums (by name, any case), {@code List<T>}, {@code Map<String, T>} (in YAML order),
 * {@link ConfigNode} itself for sections bound later, and any type with a public static
 * {@code parse(String)} that throws {@link IllegalArgumentException} on bad input (such as
 * {@link ByteSize}).
 *
 * <p>A nested record whose parent's default is null (a section that is off unless written, such
 * as a receiver's {@code protocols.grpc}) takes its defaults from its own {@code static defaults()}
 * method, if it has one, once the section is written in the YAML.
 */
public final class ConfigBinder {

  private final ConfigProblems problems;

  public ConfigBinder(ConfigProblems problems) {
    this.problems = problems;
  }

  /**
   * Binds {@code node} (null when the key is absent) onto {@code defaults}. Returns the best value
   * it could make; check {@link ConfigProblems#hasErrors()} before using it.
   */
  public <T> T bind(ConfigNode node, Class<T> type, T defaults) {
    return type.cast(bindValue(node, type, defaults));
  }

  private Object bindValue(ConfigNode node, Type type, Object defaults) {
    Class<?> raw = rawClass(type);
    if (node == null) {
      return defaults != null ? defaults : emptyOf(raw);
    }
    if (raw == ConfigNode.class) {
      return node;
    }
    if (raw.isRecord() && !(node instanceof ScalarNode s && !s.isNull() && hasParse(raw))) {
      return bindRecord(node, raw, defaults);
    }
    if (node instanceof ScalarNode scalar && scalar.isNull()) {
      return defaults != null ? defaults : emptyOf(raw);
    }
    if (raw == List.class) {
      return bindList(node, typeArgument(type, 0), defaults);
    }
    if (raw == Map.class) {
      return bindMap(node, typeArgument(type, 1), defaults);
    }
    if (!(node instanceof ScalarNode scalar)) {
      problems.error(node, "expected " + describeType(raw) + ", found " + node.describe());
      return defaults;
    }
    try {
      return parseScalar(scalar.value(), raw);
    } catch (IllegalArgumentException e) {
      problems.error(node, e.getMessage());
      return defaults;
    }
  }

  private Object bindRecord(ConfigNode node, Class<?> type, Object defaults) {
    MapNode map;
    if (node instanceof MapNode m) {
      map = m;
    } else if (node instanceof ScalarNode scalar && scalar.isNull()) {
      map = MapNode.empty(node.path(), node.location());
    } else {
      problems.error(node, "expected a mapping" + keysHint(type) + ", found " + node.describe());
      return defaults;
    }
    if (defaults == null) {
      defaults = staticDefaults(type);
    }
    RecordComponent[] components = type.getRecordComponents();
    Map<String, RecordComponent> byKey = new LinkedHashMap<>();
    for (RecordComponent component : components) {
      byKey.put(keyOf(component), component);
    }
    map.entries().keySet().forEach(key -> {
      if (!byKey.containsKey(key)) {
        problems.errorAtKey(map, key, unknownKeyMessage(key, byKey.keySet()));
      }
    });
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      Object fallback = defaults == null ? null : read(component, defaults);
      Object value = bindValue(map.get(keyOf(component)), component.getGenericType(), fallback);
      args[i] = value == null && component.getType().isPrimitive() ? zeroOf(component.getType()) : value;
    }
    Object bound = construct(type, components, args, map);
    if (bound == null) {
      return defaults;
    }
    if (bound instanceof Validatable validatable) {
      validatable.validate(violationsAt(map));
    }
    return bound;
  }

  private Object bindList(ConfigNode node, Type element, Object defaults) {
    if (!(node instanceof ListNode list)) {
      problems.error(node, "expected a list, found " + node.describe());
      return defaults != null ? defaults : List.of();
    }
    List<Object> out = new ArrayList<>(list.items().size());
    for (ConfigNode item : list.items()) {
      out.add(bindValue(item, element, null));
    }
    return java.util.Collections.unmodifiableList(out);
  }

  private Object bindMap(ConfigNode node, Type valueType, Object defaults) {
    if (!(node instanceof MapNode map)) {
      problems.error(node, "expected a mapping, found " + node.describe());
      return defaults != null ? defaults : Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.entries().forEach((key, child) -> out.put(key, bindValue(child, valueType, null)));
    return java.util.Collections.unmodifiableMap(out);
  }

  private Object construct(Class<?> type, RecordComponent[] components, Object[] args, MapNode map) {
    try {
      Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType)
          .toArray(Class<?>[]::new);
      Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
      constructor.setAccessible(true);
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException
          || cause instanceof IllegalStateException) {
        problems.error(map, cause.getMessage());
        return null;
      }
      throw new IllegalStateException("cannot build " + type.getName() + " at " + map.path(), cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getName(), e);
    }
  }

  private Validatable.Violations violationsAt(MapNode map) {
    return new Validatable.Violations() {
      @Override
      public void add(String key, String message) {
        ConfigNode node = map.find(key);
        if (node != null) {
          problems.error(node, message);
        } else {
          problems.add(ConfigProblem.Severity.ERROR, map.location(),
              ConfigNode.childPath(map.path(), key), message);
        }
      }

      @Override
      public void add(String message) {
        problems.error(map, message);
      }
    };
  }

  private static Object parseScalar(String text, Class<?> type) {
    if (type == String.class || type == Object.class) {
      return text;
    }
    if (type == boolean.class || type == Boolean.class) {
      if (text.equalsIgnoreCase("true")) {
        return true;
      }
      if (text.equalsIgnoreCase("false")) {
        return false;
      }
      throw new IllegalArgumentException("expected true or false, found '" + text + "'");
    }
    if (type == int.class || type == Integer.class) {
      return (int) parseLong(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (type == long.class || type == Long.class) {
      return parseLong(text, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (type == double.class || type == Double.class) {
      try {
        return Double.parseDouble(text.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected a number, found '" + text + "'");
      }
    }
    if (type == Duration.class) {
      return Durations.parse(text);
    }
    if (type == Pattern.class) {
      try {
        return Pattern.compile(text);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("invalid regular expression '" + text + "': "
            + e.getDescription() + " near index " + e.getIndex());
      }
    }
    if (type.isEnum()) {
      for (Object constant : type.getEnumConstants()) {
        if (((Enum<?>) constant).name().equalsIgnoreCase(text.strip())) {
          return constant;
        }
      }
      throw new IllegalArgumentException("expected one of " + enumNames(type) + ", found '" + text + "'");
    }
    return parseWithFactory(text, type);
  }

  /** A record's own {@code static defaults()}, used where its parent's default is null. */
  private static Object staticDefaults(Class<?> type) {
    try {
      java.lang.reflect.Method method = type.getDeclaredMethod("defaults");
      if (!java.lang.reflect.Modifier.isStatic(method.getModifiers()) || method.getReturnType() != type) {
        return null;
      }
      method.setAccessible(true);
      return method.invoke(null);
    } catch (NoSuchMethodException e) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot call " + type.getName() + ".defaults()", e);
    }
  }

  private static boolean hasParse(Class<?> type) {
    try {
      return java.lang.reflect.Modifier.isStatic(type.getMethod("parse", String.class).getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** Values of types such as {@link ByteSize} or {@code Endpoint} come from their {@code parse(String)}. */
  private static Object parseWithFactory(String text, Class<?> type) {
    java.lang.reflect.Method parse;
    try {
      parse = type.getMethod("parse", String.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("config type " + type.getName()
          + " is not supported by the binder: give it a static parse(String) method");
    }
    try {
      return parse.invoke(null, text);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException bad) {
        throw bad;
      }
      throw new IllegalStateException("parse of " + type.getName() + " failed", e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + parse, e);
    }
  }

  private static long parseLong(String text, long min, long max) {
    long value;
    try {
      value = Long.parseLong(text.strip().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a whole number, found '" + text + "'");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException("number " + value + " is out of range [" + min + ", " + max + "]");
    }
    return value;
  }

  static String unknownKeyMessage(String key, java.util.Collection<String> valid) {
    if (valid.isEmpty()) {
      return "unknown key '" + key + "': this section takes no keys";
    }
    String closest = closest(key, valid);
    return "unknown key '" + key + "'"
        + (closest == null ? "" : "; did you mean '" + closest + "'?")
        + " (valid keys: " + String.join(", ", valid) + ")";
  }

  /** The valid key nearest to {@code key} by edit distance, if it is near enough to be a typo. */
  public static String closest(String key, java.util.Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = editDistance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, key.length() / 3) ? best : null;
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** The YAML key of a record component. */
  public static String keyOf(RecordComponent component) {
    ConfigKey key = component.getAnnotation(ConfigKey.class);
    return key != null ? key.value() : snakeCase(component.getName());
  }

  static String snakeCase(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static Object read(RecordComponent component, Object record) {
    try {
      var accessor = component.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }

  private static String keysHint(Class<?> type) {
    String keys = Arrays.stream(type.getRecordComponents()).map(ConfigBinder::keyOf)
        .collect(Collectors.joining(", "));
    return keys.isEmpty() ? "" : " with keys " + keys;
  }

  private static String describeType(Class<?> type) {
    if (type == Duration.class) {
      return "a duration such as 5s";
    }
    if (type.isEnum()) {
      return "one of " + enumNames(type);
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    return "a single value";
  }

  private static String enumNames(Class<?> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  private static Object emptyOf(Class<?> raw) {
    if (raw == List.class) {
      return List.of();
    }
    if (raw == Map.class) {
      return Map.of();
    }
    return null;
  }

  private static Object zeroOf(Class<?> primitive) {
    if (primitive == boolean.class) {
      return false;
    }
    if (primitive == double.class) {
      return 0.0;
    }
    if (primitive == long.class) {
      return 0L;
    }
    return 0;
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalStateException("config type " + type + " is not supported by the binder");
  }

  private static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType p) {
      Type[] arguments = p.getActualTypeArguments();
      return arguments[Math.min(index, arguments.length - 1)];
    }
    return String.class;
  }
}
