package dev.convnet.examples.digits;

import dev.convnet.runtime.data.Dataset;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes 28×28 data sets as IDX files, for tests that run the job on small data. */
public final class IdxFiles {
  private IdxFiles() {}

  /**
   * A directory with a train/test pair made of the first bundled digits ({@code train-*} and {@code t10k-*} files),
   * or with {@code test == 0} one {@code images}/{@code labels} pair that the job splits 80/20.
   */
  public static Path smallDigits(Path dir, int train, int test) throws IOException, UsageException {
    DataSets.Split split = DataSets.load(null);
    Files.createDirectories(dir);
    if (test == 0) {
      write(dir, "", split.train().slice(0, train));
    } else {
      write(dir, "train-", split.train().slice(0, train));
      write(dir, "t10k-", split.test().slice(0, test));
    }
    return dir;
  }

  /** Writes {@code PREFIXimages-idx3-ubyte} and {@code PREFIXlabels-idx1-ubyte}. */
  public static void write(Path dir, String prefix, Dataset d) throws IOException {
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix
        + "images-idx3-ubyte")))) {
      out.writeInt(0x00000803);
      out.writeInt(d.size());
      out.writeInt(28);
      out.writeInt(28);
      for (float v : d.features()) {
        out.writeByte(Math.round(v * 255));
      }
    }
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix
        + "labels-idx1-ubyte")))) {
      out.writeInt(0x00000801);
      out.writeInt(d.size());
      for (int label : d.labels()) {
        out.writeByte(label);
      }
    }
  }
}
