package dev.convnet.examples.digits;

import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.data.Idx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Finds and loads a train/test pair of IDX data sets: the bundled digits, or a directory given by the user. */
public final class DataSets {
  /** A train and test set and where they came from. */
  public record Split(Dataset train, Dataset test, String description) {}

  private static final String BUNDLED = "/dev/convnet/examples/mnist-digits-10k/";

  private DataSets() {}

  public static Split load(Path dir) throws IOException, UsageException {
    return dir == null ? bundled() : fromDirectory(dir);
  }

  /** The 10,000 bundled MNIST digits: the first 8,000 train, the last 2,000 test. */
  static Split bundled() throws IOException {
    Path tmp = Files.createTempDirectory("convnet-digits");
    try {
      Path images = extract("images-idx3-ubyte.gz", tmp);
      Path labels = extract("labels-idx1-ubyte.gz", tmp);
      Dataset all = Idx.load(images, labels);
      return new Split(all.slice(0, 8000), all.slice(8000, all.size()), "bundled MNIST digits (8,000 train, "
          + (all.size() - 8000) + " test)");
    } finally {
      try (var files = Files.list(tmp)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(tmp);
    }
  }

  private static Path extract(String name, Path dir) throws IOException {
    try (InputStream in = DataSets.class.getResourceAsStream(BUNDLED + name)) {
      if (in == null) {
        throw new IOException("the bundled data file " + name + " is missing from the jar");
      }
      Path out = dir.resolve(name);
      Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
      return out;
    }
  }

  static Split fromDirectory(Path dir) throws IOException, UsageException {
    if (!Files.isDirectory(dir)) {
      throw new UsageException("--data " + dir + " is not a directory; give a directory of IDX files (see --help)");
    }
    Path trainImages = find(dir, "train-images-idx3-ubyte");
    Path trainLabels = find(dir, "train-labels-idx1-ubyte");
    Path testImages = find(dir, "t10k-images-idx3-ubyte");
    Path testLabels = find(dir, "t10k-labels-idx1-ubyte");
    if (trainImages != null && trainLabels != null && testImages != null && testLabels != null) {
      Dataset train = Idx.load(trainImages, trainLabels);
      Dataset test = Idx.load(testImages, testLabels);
      return new Split(train, test, dir + " (" + train.size() + " train, " + test.size() + " test)");
    }
    Path images = find(dir, "images-idx3-ubyte");
    Path labels = find(dir, "labels-idx1-ubyte");
    if (images != null && labels != null) {
      Dataset all = Idx.load(images, labels);
      int cut = all.size() * 4 / 5;
      return new Split(all.slice(0, cut), all.slice(cut, all.size()), dir + " (" + cut + " train, "
          + (all.size() - cut) + " test, split 80/20)");
    }
    throw new UsageException("no IDX data in " + dir + ": expected train-images-idx3-ubyte[.gz], "
        + "train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz] "
        + "(or images-idx3-ubyte[.gz] and labels-idx1-ubyte[.gz])");
  }

  private static Path find(Path dir, String base) {
    for (String name : new String[] {base, base + ".gz"}) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }
}
