package dev.convnet.onnx.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.LeNet1998Net;
import dev.convnet.examples.LeNet5Net;
import dev.convnet.examples.filters.NamedFiltersNet;
import dev.convnet.examples.filters.SobelEdgesNet;
import dev.convnet.examples.zoo.SmallDenseNetNet;
import dev.convnet.examples.zoo.SmallResNetNet;
import dev.convnet.onnx.Figures;
import dev.convnet.onnx.Javac;
import dev.convnet.onnx.Nets;
import dev.convnet.onnx.Ort;
import dev.convnet.onnx.export.Onnx;
import dev.convnet.onnx.testnets.EveryOpNet;
import dev.convnet.onnx.testnets.LeNet5FullNet;
import dev.convnet.onnx.testnets.SoftmaxHeadNet;
import dev.convnet.onnx.weights.NameMap;
import dev.convnet.onnx.weights.Weights;
import dev.convnet.runtime.CompiledNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Export → import → compile → same outputs, for every example network: the written declaration compiles with the
 * processor, has the same parameter count, loads the written weights by name and computes the original's outputs.
 */
class RoundTripTest {
  private static final Figures TABLE = new Figures("onnx-roundtrip",
      "| network | parameters | imported layers | max relative error |");
  @TempDir
  Path dir;

  static Stream<Arguments> networks() {
    return Stream.of(
        Arguments.of("LeNet5", (Supplier<CompiledNetwork>) LeNet5Net::new),
        Arguments.of("LeNet5Full", (Supplier<CompiledNetwork>) LeNet5FullNet::new),
        Arguments.of("LeNet1998", (Supplier<CompiledNetwork>) LeNet1998Net::new),
        Arguments.of("SobelEdges", (Supplier<CompiledNetwork>) SobelEdgesNet::new),
        Arguments.of("NamedFilters", (Supplier<CompiledNetwork>) NamedFiltersNet::new),
        Arguments.of("SmallResNet", (Supplier<CompiledNetwork>) SmallResNetNet::new),
        Arguments.of("SmallDenseNet", (Supplier<CompiledNetwork>) SmallDenseNetNet::new),
        Arguments.of("EveryOp", (Supplier<CompiledNetwork>) EveryOpNet::new),
        Arguments.of("SoftmaxHead", (Supplier<CompiledNetwork>) SoftmaxHeadNet::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void exportImportCompileGivesTheSameOutputs(String name, Supplier<CompiledNetwork> make) throws Exception {
    CompiledNetwork original = Nets.randomized(make.get(), 3);
    Path onnx = dir.resolve(name + ".onnx");
    Onnx.export(original, onnx);
    List<Path> written = OnnxImport.run(onnx, "roundtrip", "Imported" + name, dir, false);
    String source = java.nio.file.Files.readString(written.get(0));
    Class<?> type = Javac.compile("roundtrip.Imported" + name, source, "roundtrip.Imported" + name + "Net");
    CompiledNetwork imported = (CompiledNetwork) type.getConstructor().newInstance();
    Weights.load(imported, written.get(1), NameMap.SAME);
    imported.setTraining(false);
    assertEquals(original.parameterCount(), imported.parameterCount(), "parameter count\n" + source);
    assertEquals(original.inputShape(), imported.inputShape());
    float[] x = Nets.input(original, 2, 5);
    double error = Ort.relativeError(Nets.forward(imported, x, 2), Nets.forward(original, x, 2));
    TABLE.row(String.format(Locale.ROOT, "| `%s` | %,d | %d | %.1e |", name, imported.parameterCount(),
        imported.architecture().size(), error));
    assertTrue(error <= 1e-6, name + ": the imported network differs by " + error + "\n" + source);
  }
}
