package dev.convnet.spark;

import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.data.Idx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test run: two local task threads, on loopback, without the web UI. {@code local[2,3]}
 * is {@code local[2]} that retries a failed task up to 3 times (plain {@code local[N]} never retries), which the
 * fault tests need.
 */
final class TestSpark {
  static final String DIGITS = "/dev/convnet/examples/mnist-digits-10k/";
  private static SparkSession session;
  private static Dataset digits;

  private TestSpark() {}

  static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2,3]")
          .appName("convnet-spark tests")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }

  /** The examples' bundled 10,000 digits as a runtime data set (1×28×28 in [0, 1]). */
  static synchronized Dataset digits() throws IOException {
    if (digits == null) {
      Path dir = Files.createTempDirectory("digits");
      Path images = copy("images-idx3-ubyte.gz", dir);
      Path labels = copy("labels-idx1-ubyte.gz", dir);
      digits = Idx.load(images, labels);
      Files.delete(images);
      Files.delete(labels);
      Files.delete(dir);
    }
    return digits;
  }

  private static Path copy(String name, Path dir) throws IOException {
    try (InputStream in = TestSpark.class.getResourceAsStream(DIGITS + name)) {
      Path out = dir.resolve(name);
      Files.copy(in, out);
      return out;
    }
  }

  /** The first {@code n} digits as DataFrame rows (index, image, label) in {@code partitions} partitions. */
  static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> digitRows(int n, int partitions)
      throws IOException {
    Dataset d = digits().slice(0, n);
    byte[] pixels = new byte[n * 784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) Math.round(d.features()[i] * 255f);
    }
    return SparkData.fromPixels(session(), new dev.convnet.runtime.data.IdxImages(n, 28, 28, pixels), d.labels(),
        partitions);
  }
}
