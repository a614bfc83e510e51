package dev.convnet.onnx.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.onnx.Figures;
import dev.convnet.onnx.Javac;
import dev.convnet.onnx.Ort;
import dev.convnet.onnx.weights.NameMap;
import dev.convnet.onnx.weights.Safetensors;
import dev.convnet.onnx.weights.Weights;
import dev.convnet.runtime.CompiledNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ONNX files exported by PyTorch itself ({@code torch.onnx.export}, opset 13, batch dimension symbolic; made by
 * {@code onnx/scripts/make_reference.py}) import into declarations that compile and reproduce PyTorch's outputs.
 * (PyTorch folds each batch norm into the convolution before it when exporting in eval mode, so ResNet-20 comes in
 * with convolution biases instead of batch norms: 271,690 parameters instead of 272,474.)
 */
class PyTorchImportTest {
  private static final Figures TABLE = new Figures("onnx-pytorch",
      "| PyTorch file | parameters | layers | max relative error |");
  private static final Path DATA = Path.of("src/test/resources/pytorch");

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource({"lenet5, TorchLeNet5, 61706", "resnet20, TorchResNet20, 271690"})
  void importedPyTorchModelGivesPyTorchOutputs(String file, String name, long parameters) throws Exception {
    List<Path> written = OnnxImport.run(DATA.resolve(file + ".onnx"), "imported", name, dir, false);
    String source = Files.readString(written.get(0));
    CompiledNetwork net = (CompiledNetwork) Javac.compile("imported." + name, source, "imported." + name + "Net")
        .getConstructor().newInstance();
    Weights.load(net, written.get(1), NameMap.SAME);
    net.setTraining(false);
    assertEquals(parameters, net.parameterCount(), source);
    Safetensors.Contents io = Safetensors.read(DATA.resolve(file + "-io.safetensors"));
    float[] x = io.tensors().get("input").floats();
    float[] expected = io.tensors().get("output").floats();
    int batch = io.tensors().get("input").shape()[0];
    float[] y = Arrays.copyOf(net.forward(x, batch), expected.length);
    double error = Ort.relativeError(y, expected);
    TABLE.row(String.format(Locale.ROOT, "| `%s.onnx` | %,d | %d | %.1e |", file, net.parameterCount(),
        net.architecture().size(), error));
    assertTrue(error <= 1e-4, file + ": differs from PyTorch by " + error + "\n" + source);
  }
}
