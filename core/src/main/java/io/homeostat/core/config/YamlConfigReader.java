package io.homeostat.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.homeostat.core.config.ConfigNode.ListNode;
import io.homeostat.core.config.ConfigNode.MapNode;
import io.homeostat.core.config.ConfigNode.ScalarNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML config file into {@link ConfigNode}s that remember their path, line and column, and
 * expands {@code ${env}} references in scalar values.
 */
public final class YamlConfigReader {

  private static final YAMLFactory YAML = YAMLFactory.builder()
      .enable(com.fasterxml.jackson.dataformat.yaml.YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

  private final EnvExpander expander;

  public YamlConfigReader(EnvExpander expander) {
    this.expander = expander;
  }

  /**
   * Reads {@code file}. Returns its root mapping (empty for an empty file), or null when the file
   * cannot be read or parsed; the reason is then in {@code problems}.
   */
  public MapNode read(Path file, ConfigProblems problems) {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(ConfigProblem.Severity.ERROR, new Location(name, 0, 0), "",
          "cannot read the config file: " + e + " (check the path given with --config)");
      return null;
    }
    return read(name, new StringReader(text), problems);
  }

  /** Reads YAML from {@code reader}, naming it {@code name} in locations. */
  public MapNode read(String name, Reader reader, ConfigProblems problems) {
    try (JsonParser parser = YAML.createParser(reader)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return MapNode.empty("", new Location(name, 1, 1));
      }
      ConfigNode root = readValue(parser, name, "", problems);
      if (root instanceof MapNode map) {
        return map;
      }
      if (root instanceof ScalarNode scalar && scalar.isNull()) {
        return MapNode.empty("", root.location());
      }
      problems.error(root, "the top level of the file must be a mapping of sections (key: value),"
          + " found " + root.describe());
      return null;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      problems.add(ConfigProblem.Severity.ERROR,
          at == null ? new Location(name, 0, 0) : new Location(name, at.getLineNr(), at.getColumnNr()),
          "", "invalid YAML: " + e.getOriginalMessage());
      return null;
    } catch (IOException e) {
      problems.add(ConfigProblem.Severity.ERROR, new Location(name, 0, 0), "",
          "cannot read the config: " + e);
      return null;
    }
  }

  private ConfigNode readValue(JsonParser parser, String file, String path, ConfigProblems problems)
      throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    Location location = new Location(file, at.getLineNr(), at.getColumnNr());
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        Map<String, Location> keyLocations = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          JsonLocation keyAt = parser.currentTokenLocation();
          Location keyLocation = new Location(file, keyAt.getLineNr(), keyAt.getColumnNr());
          parser.nextToken();
          ConfigNode value = readValue(parser, file, ConfigNode.childPath(path, key), problems);
          if (entries.putIfAbsent(key, value) != null) {
            problems.add(ConfigProblem.Severity.ERROR, keyLocation, ConfigNode.childPath(path, key),
                "duplicate key: keep one of the two");
          } else {
            keyLocations.put(key, keyLocation);
          }
        }
        return new MapNode(path, location, entries, keyLocations);
      }
      case START_ARRAY -> {
        List<ConfigNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(parser, file, path + "[" + items.size() + "]", problems));
        }
        return new ListNode(path, location, items);
      }
      case VALUE_NULL -> {
        return new ScalarNode(path, location, null);
      }
      default -> {
        ScalarNode raw = new ScalarNode(path, location, parser.getText());
        return new ScalarNode(path, location, expander.expand(raw.value(), raw, problems),
            scalarType(token));
      }
    }
  }

  private static ScalarNode.Type scalarType(JsonToken token) {
    return switch (token) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> ScalarNode.Type.NUMBER;
      case VALUE_TRUE, VALUE_FALSE -> ScalarNode.Type.BOOLEAN;
      default -> ScalarNode.Type.TEXT;
    };
  }
}
