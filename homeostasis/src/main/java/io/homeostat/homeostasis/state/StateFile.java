package io.homeostat.homeostasis.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State that must outlive a restart (firing alerts, open issues, intent deduplication), kept as
 * one JSON file under the data directory. Written whole to a temporary file and renamed over the
 * old one, so a crash leaves either the old or the new state, never half of one. A file that
 * cannot be read is set aside (renamed {@code .corrupt}) and reported, and the server starts
 * without that state rather than not at all.
 *
 * @param <T> the state: a record (or collection of records) Jackson can write and read
 */
public final class StateFile<T> {

  private static final Logger log = LoggerFactory.getLogger(StateFile.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;
  private final com.fasterxml.jackson.databind.JavaType type;

  private StateFile(Path file, com.fasterxml.jackson.databind.JavaType type) {
    this.file = file;
    this.type = type;
  }

  /** The state {@code name}.json under {@code dataDir}, holding values of {@code type}. */
  public static <T> StateFile<T> of(Path dataDir, String name, Class<T> type) {
    return new StateFile<>(dataDir.resolve(name + ".json"), JSON.constructType(type));
  }

  /** The same for a generic type, such as a list of records. */
  public static <T> StateFile<T> of(Path dataDir, String name,
      com.fasterxml.jackson.core.type.TypeReference<T> type) {
    return new StateFile<>(dataDir.resolve(name + ".json"), JSON.getTypeFactory().constructType(type));
  }

  /** The saved state, or empty when there is none (or it could not be read: then it is set aside). */
  public Optional<T> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(JSON.readValue(file.toFile(), type));
    } catch (IOException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException moveFailed) {
        e.addSuppressed(moveFailed);
      }
      log.atWarn().addKeyValue("file", file).addKeyValue("set_aside_as", aside)
          .addKeyValue("error", String.valueOf(e))
          .log("cannot read saved state; starting without it");
      return Optional.empty();
    }
  }

  /** Replaces the saved state with {@code state}. */
  public void save(T state) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writeValue(temp.toFile(), state);
    try {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  public Path path() {
    return file;
  }
}
