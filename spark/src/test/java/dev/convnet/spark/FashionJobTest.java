package dev.convnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.digits.DigitsMain;
import dev.convnet.examples.digits.NetworkChoice;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionJobTest {
  @TempDir
  Path dir;

  /** The job trains from an IDX folder and writes a model file that the examples' classify command loads. */
  @Test
  void jobWritesAModelThatClassifyLoads() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    for (String[] f : new String[][] {{"images-idx3-ubyte.gz", "train-images-idx3-ubyte.gz"},
        {"labels-idx1-ubyte.gz", "train-labels-idx1-ubyte.gz"}, {"images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz"},
        {"labels-idx1-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}}) {
      try (InputStream in = getClass().getResourceAsStream(TestSpark.DIGITS + f[0])) {
        Files.copy(in, data.resolve(f[1]));
      }
    }
    Path model = dir.resolve("out/lenet5.model");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    FashionJob.train(TestSpark.session(), FashionJob.parse("--data", data.toString(), "--epochs", "1",
            "--train-limit", "96", "--batch", "32", "--shards", "2", "--out", model.toUri().toString()),
        NetworkChoice.byName("lenet5"), new PrintStream(log, true, StandardCharsets.UTF_8));
    String printed = log.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("training LeNet5 (60,850 parameters) on local[2,3], 2 shards, batch 32, 1 epochs"),
        printed);
    assertTrue(printed.contains("model saved to "), printed);

    ByteArrayOutputStream classified = new ByteArrayOutputStream();
    int status = DigitsMain.run(new PrintStream(classified, true, StandardCharsets.UTF_8), "classify", "--model",
        model.toString(), "--idx", data.resolve("t10k-images-idx3-ubyte.gz").toString(), "--index", "3");
    assertEquals(0, status);
    assertTrue(classified.toString(StandardCharsets.UTF_8).contains("network lenet5"), classified.toString());
  }

  @Test
  void unknownOptionsAreUsageErrors() {
    assertEquals(2, assertStatus("--epochs"));
    assertEquals(2, assertStatus("--bogus", "1"));
    assertEquals(2, assertStatus("--net", "vgg"));
  }

  private static int assertStatus(String... args) {
    try {
      return FashionJob.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), args);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

}
