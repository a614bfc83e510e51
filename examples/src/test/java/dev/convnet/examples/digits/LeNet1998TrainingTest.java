package dev.convnet.examples.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.io.ModelFile;
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

/** The 1998 LeNet-5 (RBF output with fixed digit bitmaps, MAP loss) learns digits and classifies by least penalty. */
class LeNet1998TrainingTest {
  @Test
  void hasThePapersShapeAndOnlyTrainableLayersBeforeTheRbf() throws Exception {
    CompiledNetwork net = NetworkChoice.byName("lenet1998").network();
    assertEquals(60_000, net.parameterCount(), "LeNet-5's 60,000 trainable parameters: the RBF prototypes are fixed");
    LayerInfo out = net.layers().get(net.layers().size() - 1);
    assertEquals(0, out.parameters());
    assertEquals(84 * 10, out.connections());
    assertTrue(out.kind().contains("RBF"), out.kind());
  }

  @Test
  void learnsAFewHundredDigitsWithTheMapLoss(@TempDir Path dir) throws Exception {
    Dataset train = DigitsMain.prepare(DataSets.bundled().train().slice(0, 600));
    Dataset test = DigitsMain.prepare(DataSets.bundled().test().slice(0, 300));
    NetworkChoice choice = NetworkChoice.byName("lenet1998");
    CompiledNetwork net = choice.network(3);
    TrainingHistory h = Trainer.builder().network(net).loss(Losses.rbfMap(Losses.RBF_MAP_DEFAULT_J))
        .optimizer(Optimizers.create("adamw", 0.001)).batchSize(8).epochs(5).seed(3).build().fit(train, test);
    assertTrue(h.last().trainLoss() < h.epochs().get(0).trainLoss() / 2, "loss falls: "
        + h.epochs().get(0).trainLoss() + " → " + h.last().trainLoss());
    assertTrue(h.last().testAccuracy() > 0.85, "test accuracy " + h.last().testAccuracy());

    Path model = dir.resolve("lenet1998.model");
    ModelFile.save(net, model);
    Path idx = dir.resolve("images-idx3-ubyte.gz");
    try (var in = DataSets.class.getResourceAsStream("/dev/convnet/examples/mnist-digits-10k/images-idx3-ubyte.gz")) {
      Files.copy(in, idx);
    }
    float[] penalties = net.predict(test.sample(0));
    int expected = Losses.rbfMap(1).predict(penalties, 0, 10);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, DigitsMain.run(new PrintStream(out, true, StandardCharsets.UTF_8), "classify", "--model",
        model.toString(), "--idx", idx.toString(), "--index", "8000"));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("#8000: " + expected + " (") && text.contains("network lenet1998"), text);
  }
}
