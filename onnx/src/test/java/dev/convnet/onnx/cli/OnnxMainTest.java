package dev.convnet.onnx.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.zoo.SmallResNetNet;
import dev.convnet.onnx.Nets;
import dev.convnet.onnx.Ort;
import dev.convnet.runtime.io.ModelFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands: export a model file to ONNX, convert between model files and safetensors, import ONNX; errors. */
class OnnxMainTest {
  private static final String NET = "dev.convnet.examples.zoo.SmallResNetNet";

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return OnnxMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void exportAModelFileAndConvertItsWeights() throws Exception {
    SmallResNetNet trained = Nets.randomized(new SmallResNetNet(), 4);
    Path model = dir.resolve("resnet.model");
    ModelFile.save(trained, model);
    Path onnx = dir.resolve("resnet.onnx");
    assertEquals(0, run("export", "--network", NET, "--model", model.toString(), "--out", onnx.toString()), errors());
    float[] x = Nets.input(trained, 2, 9);
    assertTrue(Ort.relativeError(Ort.run(onnx, x, Nets.inputShape(trained, 2)), Nets.forward(trained, x, 2)) <= 1e-5);

    Path weights = dir.resolve("resnet.safetensors");
    assertEquals(0, run("weights", "--network", NET, "--model", model.toString(), "--out", weights.toString()),
        errors());
    Path back = dir.resolve("back.model");
    assertEquals(0, run("model", "--network", NET, "--weights", weights.toString(), "--out", back.toString()),
        errors());
    SmallResNetNet loaded = new SmallResNetNet();
    ModelFile.load(loaded, back);
    assertArrayEquals(trained.parameters().data(), loaded.parameters().data());
    assertArrayEquals(trained.parameters().buffers(), loaded.parameters().buffers());
  }

  @Test
  void importOnnx() throws Exception {
    assertEquals(0, run("import-onnx", "src/test/resources/pytorch/lenet5.onnx", "--package", "p.q", "--name",
        "Torch", "--out", dir.toString()), errors());
    assertTrue(Files.readString(dir.resolve("p/q/Torch.java")).contains("public interface Torch {"));
    assertTrue(Files.size(dir.resolve("Torch.safetensors")) > 61706 * 4);
  }

  @Test
  void mistakes() {
    assertEquals(2, run());
    assertEquals(2, run("export", "--network", "no.such.Net", "--out", "x.onnx"));
    assertTrue(errors().contains("no class no.such.Net on the class path"), errors());
    assertEquals(2, run("export", "--network", "java.lang.String", "--out", "x.onnx"));
    assertTrue(errors().contains("not a generated network"), errors());
    assertEquals(2, run("import-onnx", "a.onnx", "--package", "p"));
    assertTrue(errors().contains("missing --name"), errors());
    assertEquals(2, run("frobnicate"));
    assertEquals(1, run("model", "--network", NET, "--weights", dir.resolve("none.safetensors").toString(), "--out",
        dir.resolve("x.model").toString()));
    assertTrue(errors().contains("no such weights file"), errors());
    assertEquals(0, run("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("import-onnx MODEL.onnx"));
  }
}
