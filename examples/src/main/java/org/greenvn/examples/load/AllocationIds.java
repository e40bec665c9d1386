package org.greenvn.examples.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Files of allocation ids, one a line: a create run writes the ids it was given, a GET run reads
 * them. Blank lines and lines starting with {@code #} are skipped.
 */
final class AllocationIds {

  private AllocationIds() {}

  /**
   * The ids in {@code file}.
   *
   * @throws LoadOptionException if it cannot be read
   */
  static List<String> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LoadOptionException("--ids " + file + ": cannot be read (" + e.getMessage() + ")");
    }
    List<String> ids = new ArrayList<>(lines.size());
    for (String line : lines) {
      String id = line.strip();
      if (!id.isEmpty() && !id.startsWith("#")) {
        ids.add(id);
      }
    }
    return ids;
  }

  /** Writes {@code ids} to {@code file}, one a line, replacing it. */
  static void write(Path file, List<String> ids) {
    try {
      Files.write(file, ids, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
