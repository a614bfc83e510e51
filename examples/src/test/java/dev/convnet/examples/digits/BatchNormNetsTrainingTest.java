package dev.convnet.examples.digits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.BufferSlot;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.io.ModelFile;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.optim.Optimizers;
import dev.convnet.runtime.train.Trainer;
import dev.convnet.runtime.train.TrainingHistory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The small ResNet and DenseNet learn a slice of the bundled digits on two threads, and a saved model, batch-norm
 * running statistics included, reloads into a fresh network that classifies every test digit identically, through
 * the API and through {@code classify}.
 */
class BatchNormNetsTrainingTest {
  @ParameterizedTest
  @ValueSource(strings = {"resnet", "densenet"})
  void learnsSavesAndReloads(String name, @TempDir Path dir) throws Exception {
    DataSets.Split split = DataSets.bundled();
    NetworkChoice choice = NetworkChoice.byName(name);
    Dataset train = DigitsMain.prepare(split.train().slice(0, 512), choice.border());
    Dataset test = DigitsMain.prepare(split.test().slice(0, 64), choice.border());
    CompiledNetwork net = choice.network(7);
    Loss loss = choice.newLoss();
    float[] initialBuffers = net.parameters().buffers().clone();
    assertTrue(initialBuffers.length > 0, "batch norm keeps running statistics");
    TrainingHistory h = Trainer.builder().network(net).loss(loss).optimizer(Optimizers.create("adamw", 0.003))
        .batchSize(32).epochs(4).threads(2).seed(7).build().fit(train, test);
    double first = h.epochs().get(0).trainLoss();
    double last = h.last().trainLoss();
    assertTrue(last < first * 0.6, name + ": loss falls " + first + " → " + last);
    assertTrue(h.last().testAccuracy() > 0.5, name + ": test accuracy " + h.last().testAccuracy());
    assertFalse(java.util.Arrays.equals(initialBuffers, net.parameters().buffers()), "running statistics moved");

    Path model = dir.resolve(name + ".model");
    ModelFile.save(net, model);
    CompiledNetwork loaded = choice.network();
    ModelFile.load(loaded, model);
    assertArrayEquals(net.parameters().data(), loaded.parameters().data());
    assertArrayEquals(net.parameters().buffers(), loaded.parameters().buffers());
    for (BufferSlot b : loaded.layout().buffers()) {
      assertTrue(b.name().endsWith("running_mean") || b.name().endsWith("running_var")
          || b.name().endsWith("num_batches_tracked"), b.name());
    }
    net.setTraining(false);
    loaded.setTraining(false);
    int[] expected = new int[test.size()];
    for (int i = 0; i < test.size(); i++) {
      float[] a = net.predict(test.sample(i));
      float[] b = loaded.predict(test.sample(i));
      assertArrayEquals(a, b, name + " sample " + i);
      expected[i] = loss.predict(a, 0, a.length);
    }
    assertEquals(choice, NetworkChoice.forModel(ModelFile.inspect(model)));

    Path idx = dir.resolve("images-idx3-ubyte.gz");
    try (var in = DataSets.class.getResourceAsStream("/dev/convnet/examples/mnist-digits-10k/images-idx3-ubyte.gz")) {
      Files.copy(in, idx);
    }
    for (int i = 0; i < 3; i++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertEquals(0, DigitsMain.run(new PrintStream(out, true, StandardCharsets.UTF_8), "classify", "--model",
          model.toString(), "--idx", idx.toString(), "--index", String.valueOf(8000 + i)));
      String text = out.toString(StandardCharsets.UTF_8);
      assertTrue(text.startsWith(idx + " #" + (8000 + i) + ": " + expected[i] + " ("), text);
      assertTrue(text.contains("network " + name), text);
    }
  }
}
