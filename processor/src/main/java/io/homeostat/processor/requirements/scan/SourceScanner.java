package io.homeostat.processor.requirements.scan;

import io.homeostat.processor.requirements.scan.Language.FunctionStyle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Walks a source tree for the {@code Implements: REQ-…} markers teams write in comments, with the
 * function each marker belongs to where the language allows telling (Python, Java, Kotlin, Scala,
 * C#, TypeScript, JavaScript, Go, Rust). Comments of other languages are searched too ({@code #},
 * {@code //}, {@code /* *}{@code /}, {@code --}), without functions.
 *
 * <p>Skipped: hidden directories, dependency and build output directories ({@code node_modules},
 * {@code target}, {@code build}, {@code dist}, {@code vendor}, {@code __pycache__}), files of
 * other types, binary files (a NUL byte in their first 8 KiB, as git decides) and files over
 * 1 MiB (generated or minified code).
 */
public final class SourceScanner {

  static final Set<String> SKIPPED_DIRECTORIES =
      Set.of("node_modules", "target", "build", "dist", "vendor", "__pycache__");
  static final long MAX_FILE_SIZE = 1 << 20;
  private static final int BINARY_PROBE = 8192;

  private SourceScanner() {}

  /** Scans the tree under {@code root}; markers are in path order, then line order. */
  public static ScanResult scan(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        boolean skipped = !dir.equals(root)
            && (name.startsWith(".") || SKIPPED_DIRECTORIES.contains(name));
        return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        String name = file.getFileName().toString();
        if (attributes.isRegularFile() && attributes.size() <= MAX_FILE_SIZE
            && Language.of(name) != null && name.chars().noneMatch(Character::isISOControl)) {
          files.add(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE;
      }
    });
    List<Marker> markers = new ArrayList<>();
    files.stream().map(file -> relative(root, file)).sorted().forEach(path -> {
      Path file = root.resolve(path);
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException unreadable) {
        return;
      }
      if (!binary(bytes)) {
        // Not UTF-8 (a Latin-1 comment) is replaced, so that it cannot hide the markers around it.
        String text = new String(bytes, StandardCharsets.UTF_8);
        markers.addAll(markers(path, text, Language.of(file.getFileName().toString())));
      }
    });
    return new ScanResult(markers);
  }

  /** The markers of one file's text. */
  static List<Marker> markers(String path, String text, Language language) {
    List<SourceLine> lines = SourceLexer.lex(text, language);
    List<Marker> markers = new ArrayList<>(language.functions == FunctionStyle.PYTHON
        ? PythonFunctions.markers(path, lines)
        : BraceFunctions.markers(path, lines, language.functions));
    markers.sort(Comparator.comparingInt(Marker::line));
    return markers;
  }

  private static String relative(Path root, Path file) {
    List<String> parts = new ArrayList<>();
    root.relativize(file).forEach(part -> parts.add(part.toString()));
    return String.join("/", parts);
  }

  private static boolean binary(byte[] bytes) {
    for (int i = 0; i < Math.min(bytes.length, BINARY_PROBE); i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }
}
