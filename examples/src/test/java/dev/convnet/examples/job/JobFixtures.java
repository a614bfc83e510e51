package dev.convnet.examples.job;

import dev.convnet.examples.digits.DataSets;
import dev.convnet.examples.digits.DigitsMain;
import dev.convnet.runtime.data.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
    DataSets.Split split = DataSets.load(null);
    Files.createDirectories(dir);
    write(dir, "train", split.train().slice(0, train));
    write(dir, "t10k", split.test().slice(0, test));
    return dir;
  }

  private static void write(Path dir, String prefix, Dataset d) throws IOException {
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix
        + "-images-idx3-ubyte")))) {
      out.writeInt(0x00000803);
      out.writeInt(d.size());
      out.writeInt(28);
      out.writeInt(28);
      for (float v : d.features()) {
        out.writeByte(Math.round(v * 255));
      }
    }
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix
        + "-labels-idx1-ubyte")))) {
      out.writeInt(0x00000801);
      out.writeInt(d.size());
      for (int label : d.labels()) {
        out.writeByte(label);
      }
    }
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

  static OutputStream discard() {
    return OutputStream.nullOutputStream();
  }
}
