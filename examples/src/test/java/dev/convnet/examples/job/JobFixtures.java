package dev.convnet.examples.job;

import dev.convnet.examples.digits.DigitsMain;
import dev.convnet.examples.digits.IdxFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Small data sets on disk, and the digits job run in this JVM with its output captured. */
final class JobFixtures {
  private JobFixtures() {}

  /** The result of one run: exit status, standard output and standard error. */
  record Result(int status, String out, String err) {
    @Override
    public String toString() {
      return "status " + status + "\n--- out\n" + out + "\n--- err\n" + err;
    }
  }

  /** Runs the job in this JVM. */
  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = DigitsMain.run(new PrintStream(out, true, StandardCharsets.UTF_8), args);
    } finally {
      System.setErr(saved);
    }
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A directory with a small train/test pair of the bundled digits in IDX files (fast training). */
  static Path smallDigits(Path dir, int train, int test) throws Exception {
    return IdxFiles.smallDigits(dir, train, test);
  }

  /** The names in a folder, sorted. */
  static java.util.List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Whether a folder holds a temporary file of an atomic write. */
  static boolean hasTemporary(Path dir) throws IOException {
    return names(dir).stream().anyMatch(n -> n.startsWith(".") && n.endsWith(".tmp"));
  }
}
