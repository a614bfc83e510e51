package dev.convnet.examples.digits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.LeNet5Net;
import dev.convnet.runtime.Init;
import dev.convnet.runtime.Parameters;
import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.loss.Losses;
import dev.convnet.runtime.optim.Optimizers;
import dev.convnet.runtime.train.Trainer;
import dev.convnet.runtime.train.TrainingHistory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated LeNet-5 learns: a few hundred bundled digits, loss falls and accuracy on them passes 90%. */
class LeNet5TrainingTest {
  private static Trainer trainer(LeNet5Net net, int epochs) {
    return Trainer.builder().network(net).loss(Losses.softmaxCrossEntropy())
        .optimizer(Optimizers.create("adam", 0.002)).batchSize(8).epochs(epochs).seed(3).build();
  }

  @Test
  void learnsAFewHundredDigits() throws Exception {
    Dataset digits = DigitsMain.prepare(DataSets.bundled().train().slice(0, 300));
    LeNet5Net net = new LeNet5Net(new Parameters(LeNet5Net.LAYOUT).initialize(Init.LECUN_UNIFORM, 3));
    TrainingHistory h = trainer(net, 6).fit(digits, digits);
    double first = h.epochs().get(0).trainLoss();
    double last = h.last().trainLoss();
    assertTrue(last < first / 3, "loss falls: " + first + " → " + last);
    assertTrue(h.last().testAccuracy() > 0.90, "accuracy on the digits " + h.last().testAccuracy());
  }

  @Test
  void twoThreadsAreReproducibleAndLearnAsWellAsOne() throws Exception {
    Dataset train = DigitsMain.prepare(DataSets.bundled().train().slice(0, 600));
    Dataset test = DigitsMain.prepare(DataSets.bundled().test().slice(0, 300));
    double[] accuracy = new double[3];
    float[][] params = new float[3][];
    int[] threads = {1, 2, 2};
    for (int run = 0; run < 3; run++) {
      LeNet5Net net = new LeNet5Net(new Parameters(LeNet5Net.LAYOUT).initialize(Init.LECUN_UNIFORM, 3));
      Trainer t = Trainer.builder().network(net).loss(Losses.softmaxCrossEntropy())
          .optimizer(Optimizers.create("adam", 0.002)).batchSize(8).epochs(3).seed(3).threads(threads[run]).build();
      accuracy[run] = t.fit(train, test).last().testAccuracy();
      params[run] = net.parameters().data().clone();
    }
    assertArrayEquals(params[1], params[2], "two runs on two threads with one seed");
    assertTrue(Math.abs(accuracy[1] - accuracy[0]) <= 0.02, "one thread " + accuracy[0] + ", two " + accuracy[1]);
    assertTrue(accuracy[1] > 0.85, "two threads learn: " + accuracy[1]);
  }

  @Test
  void sameSeedTrainsBitForBitTheSame() throws Exception {
    Dataset digits = DigitsMain.prepare(DataSets.bundled().train().slice(0, 64));
    LeNet5Net a = new LeNet5Net(new Parameters(LeNet5Net.LAYOUT).initialize(Init.LECUN_UNIFORM, 5));
    LeNet5Net b = new LeNet5Net(new Parameters(LeNet5Net.LAYOUT).initialize(Init.LECUN_UNIFORM, 5));
    trainer(a, 2).fit(digits, null);
    trainer(b, 2).fit(digits, null);
    assertArrayEquals(a.parameters().data(), b.parameters().data());
  }

  @Test
  void mainJobRunsEndToEndAndClassifiesWithTheSavedModel(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int status = DigitsMain.run(new PrintStream(buf, true, StandardCharsets.UTF_8), "--epochs", "1",
        "--out", dir.toString());
    String out = buf.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, out);
    assertTrue(out.contains("Total parameters: 60,850"), out);
    assertTrue(out.contains("confusion matrix"), out);
    String last = out.strip().substring(out.strip().lastIndexOf('\n') + 1);
    assertTrue(last.matches("test accuracy: \\d+\\.\\d\\d% \\(\\d+/2000\\) in \\d+\\.\\d s"), last);
    assertTrue(Files.size(dir.resolve("lenet5.model")) > 60_850 * 4);
    assertTrue(Files.readString(dir.resolve("report.html")).contains("loss-chart"));
    ByteArrayOutputStream cls = new ByteArrayOutputStream();
    Path idx = dir.resolve("images-idx3-ubyte.gz");
    try (var in = DataSets.class.getResourceAsStream("/dev/convnet/examples/mnist-digits-10k/images-idx3-ubyte.gz")) {
      Files.copy(in, idx);
    }
    assertEquals(0, DigitsMain.run(new PrintStream(cls, true, StandardCharsets.UTF_8), "classify", "--model",
        dir.resolve("lenet5.model").toString(), "--idx", idx.toString(), "--index", "9000"));
    assertTrue(cls.toString(StandardCharsets.UTF_8).contains("#9000: "), cls.toString(StandardCharsets.UTF_8));
  }

  @Test
  void badOptionsAreOneLineErrors() throws Exception {
    for (String[] args : new String[][] {{"--epochs", "zero"}, {"--bogus"}, {"--lr", "-1"}, {"classify"},
        {"--data", "/nonexistent/dir"}, {"--optimizer", "sgdd"}}) {
      PrintStream saved = System.err;
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status;
      try {
        status = DigitsMain.run(new PrintStream(new ByteArrayOutputStream()), args);
      } finally {
        System.setErr(saved);
      }
      String e = err.toString(StandardCharsets.UTF_8);
      assertEquals(2, status, String.join(" ", args) + ": " + e);
      assertTrue(e.startsWith("error: ") && e.strip().lines().count() == 1, e);
    }
  }
}
