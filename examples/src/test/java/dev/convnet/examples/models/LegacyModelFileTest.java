package dev.convnet.examples.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.LeNet5Net;
import dev.convnet.examples.zoo.SmallDenseNetNet;
import dev.convnet.examples.zoo.SmallResNetNet;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.io.ModelFile;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Model files saved by the compiler before fingerprint version 2 (test resources {@code legacy-models/}, made by
 * commit b9e2767 with {@code SaveLegacy.java.txt}) load into today's classes and compute the outputs they computed
 * then.
 */
class LegacyModelFileTest {
  record Saved(String name, Supplier<CompiledNetwork> network) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Saved> saved() {
    return List.of(new Saved("LeNet5", LeNet5Net::new), new Saved("SmallResNet", SmallResNetNet::new),
        new Saved("SmallDenseNet", SmallDenseNetNet::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("saved")
  void aModelFileSavedBeforeFingerprintVersion2LoadsAndComputesWhatItDid(Saved saved) throws Exception {
    Path file = Files.createTempFile("legacy", ".model");
    try (InputStream in = getClass().getResourceAsStream("/legacy-models/" + saved.name() + ".model")) {
      Files.write(file, in.readAllBytes());
    }
    List<String> lines;
    try (InputStream in = getClass().getResourceAsStream("/legacy-models/" + saved.name() + ".outputs.txt")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    String former = lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1);
    CompiledNetwork net = saved.network().get();
    assertNotEquals(former, net.fingerprint(), "the file carries the version 1 fingerprint");
    assertTrue(net.formerFingerprints().contains(former), net.formerFingerprints().toString());
    ModelFile.load(net, file);
    Files.delete(file);

    Random r = new Random(2026);
    int batch = 4;
    float[] input = new float[batch * net.inputSize()];
    for (int i = 0; i < input.length; i++) {
      input[i] = (float) r.nextGaussian();
    }
    net.setTraining(false);
    float[] out = net.forward(input, batch);
    List<String> expected = lines.stream().filter(l -> !l.startsWith("#")).toList();
    assertEquals(batch * net.outputSize(), expected.size());
    double worst = 0;
    for (int i = 0; i < expected.size(); i++) {
      double e = Float.parseFloat(expected.get(i));
      worst = Math.max(worst, Math.abs(out[i] - e) / Math.max(1, Math.abs(e)));
    }
    // computed by the same kernels then: equal up to the summation order a faster kernel may choose
    assertTrue(worst <= 1e-5, saved.name() + ": outputs differ from those saved, worst relative error " + worst);
  }
}
